namespace Cascade.AppHost.Hosting;

/// <summary>
/// Tells when the process that started the AppHost has gone. <c>dotnet run</c> does not pass a SIGTERM on to the
/// program it launched, so a supervisor that stops <c>dotnet run</c> would otherwise leave the AppHost and its
/// children running; the AppHost stops itself when its parent is gone instead.
/// </summary>
internal static class ParentProcessWatch
{
    /// <summary>Gets the parent's process id from <c>/proc/self/stat</c>, or <see langword="null"/> where there is no procfs.</summary>
    public static int? ParentId()
    {
        try
        {
            string stat = File.ReadAllText("/proc/self/stat");

            // pid (comm) state ppid ...; comm may hold spaces and parentheses, so read after the last ')'.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.TryParse(fields[1], out int parent) ? parent : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Completes when the parent the process had at the call is gone (the process was re-parented); never where that cannot be told.</summary>
    public static async Task WaitForParentExitAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        if (ParentId() is not { } parent || parent <= 1)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return;
        }

        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            if (ParentId() is { } now && now != parent)
            {
                return;
            }
        }
    }
}
