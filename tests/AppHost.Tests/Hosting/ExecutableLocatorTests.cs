using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests.Hosting;

public sealed class ExecutableLocatorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cascade-locator-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Find_ReturnsTheFirstExecutableOnThePath()
    {
        var first = Path.Combine(_folder, "a");
        var second = Path.Combine(_folder, "b");
        Directory.CreateDirectory(first);
        Directory.CreateDirectory(second);
        File.WriteAllText(Path.Combine(first, "redis-server"), "not executable");
        var executable = Executable(Path.Combine(second, "redis-server"));

        ExecutableLocator.Find("redis-server", $"{first}{Path.PathSeparator}{second}").ShouldBe(executable);
    }

    [Fact]
    public void Find_ReturnsNullWhenAbsent() =>
        ExecutableLocator.Find("redis-server", _folder).ShouldBeNull();

    [Fact]
    public void Find_AcceptsAPath()
    {
        var executable = Executable(Path.Combine(_folder, "my-redis"));

        ExecutableLocator.Find(executable, "").ShouldBe(executable);
        ExecutableLocator.Find(Path.Combine(_folder, "missing"), "").ShouldBeNull();
    }

    [Fact]
    public void DotnetHost_FindsTheHostRunningThisTest()
    {
        var host = ExecutableLocator.DotnetHost();

        File.Exists(host).ShouldBeTrue();
        Path.GetFileNameWithoutExtension(host).ShouldBe("dotnet");
    }

    private static string Executable(string path)
    {
        File.WriteAllText(path, "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
