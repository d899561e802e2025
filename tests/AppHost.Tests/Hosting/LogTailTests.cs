using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests.Hosting;

public sealed class LogTailTests
{
    [Fact]
    public void Snapshot_KeepsTheLastLinesOldestFirst()
    {
        var tail = new LogTail(capacity: 3);
        foreach (var line in new[] { "a", "b", "c", "d", "e" })
        {
            tail.Add(line);
        }

        tail.Snapshot().ShouldBe(["c", "d", "e"]);
    }

    [Fact]
    public void Clear_ForgetsEveryLine()
    {
        var tail = new LogTail();
        tail.Add("a");

        tail.Clear();

        tail.Snapshot().ShouldBeEmpty();
    }

    [Fact]
    public void Constructor_RejectsAZeroCapacity() => Should.Throw<ArgumentOutOfRangeException>(() => new LogTail(0));
}
