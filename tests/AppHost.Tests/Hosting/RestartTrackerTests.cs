using Cascade.AppHost.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.AppHost.Tests.Hosting;

public sealed class RestartTrackerTests
{
    private static readonly RestartPolicy Policy = new()
    {
        MaxRestarts = 3,
        InitialBackoff = TimeSpan.FromSeconds(1),
        MaxBackoff = TimeSpan.FromSeconds(3),
        StableUptime = TimeSpan.FromMinutes(1),
    };

    [Fact]
    public void OnExited_DoublesTheBackoffUpToTheMaximum()
    {
        var time = new FakeTimeProvider();
        var tracker = new RestartTracker(Policy, time);

        var delays = Enumerable.Range(0, 3).Select(_ => tracker.OnExited()).ToList();

        delays.Select(d => d.Delay).ShouldBe([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)]);
        delays.Select(d => d.Attempt).ShouldBe([1, 2, 3]);
        delays.ShouldAllBe(d => d.Restart);
    }

    [Fact]
    public void OnExited_GivesUpAfterMaxRestartsInARow()
    {
        var time = new FakeTimeProvider();
        var tracker = new RestartTracker(Policy, time);
        for (var i = 0; i < Policy.MaxRestarts; i++)
        {
            tracker.MarkStarted();
            time.Advance(TimeSpan.FromSeconds(5));
            tracker.OnExited().Restart.ShouldBeTrue();
        }

        tracker.MarkStarted();
        time.Advance(TimeSpan.FromSeconds(5));
        var decision = tracker.OnExited();

        decision.Restart.ShouldBeFalse();
        decision.Attempt.ShouldBe(3);
    }

    [Fact]
    public void OnExited_StartsCountingAgainAfterAStableRun()
    {
        var time = new FakeTimeProvider();
        var tracker = new RestartTracker(Policy, time);
        tracker.OnExited();
        tracker.OnExited();

        tracker.MarkStarted();
        time.Advance(Policy.StableUptime);
        var decision = tracker.OnExited();

        decision.ShouldBe(new RestartDecision(true, TimeSpan.FromSeconds(1), 1));
    }

    [Fact]
    public void OnExited_JustShortOfAStableRun_KeepsCounting()
    {
        var time = new FakeTimeProvider();
        var tracker = new RestartTracker(Policy, time);
        tracker.OnExited();

        tracker.MarkStarted();
        time.Advance(Policy.StableUptime - TimeSpan.FromMilliseconds(1));
        var decision = tracker.OnExited();

        decision.ShouldBe(new RestartDecision(true, TimeSpan.FromSeconds(2), 2));
    }

    [Fact]
    public void OnExited_WithNoRestartsAllowed_NeverRestarts()
    {
        var tracker = new RestartTracker(RestartPolicy.Never, new FakeTimeProvider());

        tracker.OnExited().Restart.ShouldBeFalse();
    }

    [Theory]
    [InlineData(-1, 1, 30, 60, "MaxRestarts")]
    [InlineData(3, 10, 5, 60, "MaxBackoff")]
    [InlineData(3, 1, 30, 0, "StableUptime")]
    public void Validate_NamesTheBadSetting(int maxRestarts, int initialSeconds, int maxSeconds, int stableSeconds, string setting)
    {
        var policy = new RestartPolicy
        {
            MaxRestarts = maxRestarts,
            InitialBackoff = TimeSpan.FromSeconds(initialSeconds),
            MaxBackoff = TimeSpan.FromSeconds(maxSeconds),
            StableUptime = TimeSpan.FromSeconds(stableSeconds),
        };

        policy.Validate().ShouldHaveSingleItem().ShouldContain(setting);
    }

    [Fact]
    public void Validate_AcceptsTheDefaults() => new RestartPolicy().Validate().ShouldBeEmpty();
}
