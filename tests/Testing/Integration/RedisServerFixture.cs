using System.Diagnostics;
using System.Text;
using Xunit;

namespace Cascade.Testing.Integration;

/// <summary>
/// A throwaway <c>redis-server</c> on a free loopback port, with no persistence and its data in a temporary folder,
/// for tests that need real Redis. Use it as a class or collection fixture.
/// </summary>
/// <remarks>
/// When <c>redis-server</c> is missing the fixture still initializes, and <see cref="ConnectionString"/> skips the
/// test that asks for it with the install command; with <c>CASCADE_REQUIRE_INTEGRATION=1</c> the fixture fails instead.
/// </remarks>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private const string ReadyLine = "Ready to accept connections";
    private readonly StringBuilder _log = new();
    private Process? _process;
    private string? _directory;
    private string? _unavailableReason;

    /// <summary>Gets or sets how long to wait for the server to say it is ready.</summary>
    /// <value>The default value is 15 seconds.</value>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets the port the server listens on, or skips the calling test when <c>redis-server</c> is missing.</summary>
    public int Port
    {
        get
        {
            EnsureAvailable();
            return field;
        }

        private set;
    }

    /// <summary>Gets a StackExchange.Redis connection string (<c>127.0.0.1:PORT,abortConnect=false</c>), or skips the calling test when <c>redis-server</c> is missing.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    /// <summary>Gets the server's process id, or <see langword="null"/> when it is not running.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Gets what the server printed so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        var path = ExecutableSearch.Find("redis-server");
        if (path is null)
        {
            _unavailableReason = "redis-server is not installed (looked on PATH); install it with `sudo apt-get install redis-server`";
            if (IntegrationRequirements.IsRequired)
            {
                throw new InvalidOperationException($"{_unavailableReason}. {IntegrationRequirements.RequiredVariable}=1 makes this a failure instead of a skip.");
            }

            return;
        }

        _directory = Directory.CreateTempSubdirectory("cascade-redis-").FullName;

        // A free port can be taken between release and bind; a second port almost always works.
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await StartAsync(path, LoopbackPort.GetFree());
                return;
            }
            catch (InvalidOperationException ex)
            {
                last = ex;
                Stop();
            }
        }

        throw last!;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Stop();
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a dying server; the temp folder is cleaned by the OS eventually.
            }
        }

        return ValueTask.CompletedTask;
    }

    private async Task StartAsync(string path, int port)
    {
        var startInfo = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", _directory! })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_log)
            {
                _log.AppendLine(e.Data);
            }

            if (e.Data.Contains(ReadyLine, StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server exited before it was ready:{Environment.NewLine}{Log}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        try
        {
            await ready.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"redis-server did not print \"{ReadyLine}\" within {StartTimeout}:{Environment.NewLine}{Log}");
        }

        Port = port;
    }

    private void Stop()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }

        _process.Dispose();
        _process = null;
    }

    private void EnsureAvailable()
    {
        if (_unavailableReason is not null)
        {
            IntegrationRequirements.Unavailable(_unavailableReason);
        }

        if (_process is null)
        {
            throw new InvalidOperationException("The Redis fixture is not initialized; use it as an xunit fixture or call InitializeAsync first.");
        }
    }
}
