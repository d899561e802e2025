using Cascade.Simulator.Faults;

namespace Cascade.Simulator.Tests.Faults;

public sealed class FaultSpecTests
{
    [Theory]
    [InlineData("429", FaultKind.RateLimited)]
    [InlineData("500", FaultKind.ServerError)]
    [InlineData("529", FaultKind.Overloaded)]
    [InlineData("reset", FaultKind.ConnectionReset)]
    [InlineData("HANG", FaultKind.Hang)]
    [InlineData("cut", FaultKind.StreamCut)]
    [InlineData("empty", FaultKind.EmptyAnswer)]
    [InlineData("malformed", FaultKind.MalformedBody)]
    [InlineData("slow", FaultKind.SlowFirstToken)]
    [InlineData("refusal", FaultKind.Refusal)]
    public void TryParse_ReadsEveryMode(string text, FaultKind kind)
    {
        FaultSpec.TryParse(text, out FaultSpec? spec, out string? error).ShouldBeTrue(error);

        spec!.Kind.ShouldBe(kind);
        spec.Rate.ShouldBe(1.0);
    }

    [Fact]
    public void TryParse_ReadsParameters_AndRoundTrips()
    {
        FaultSpec.TryParse(" 429 ; retry-after=2 ; rate=0.5 ", out FaultSpec? spec, out _).ShouldBeTrue();

        spec!.RetryAfterSeconds.ShouldBe(2);
        spec.Rate.ShouldBe(0.5);
        spec.ToString().ShouldBe("429;retry-after=2;rate=0.5");
        FaultSpec.TryParse("cut;after=12", out FaultSpec? cut, out _).ShouldBeTrue();
        cut!.AfterTokens.ShouldBe(12);
        FaultSpec.TryParse("slow;delay=250", out FaultSpec? slow, out _).ShouldBeTrue();
        slow!.DelayMs.ShouldBe(250);
    }

    [Theory]
    [InlineData("", "a fault is required")]
    [InlineData("404", "unknown fault mode '404'")]
    [InlineData("429;retry-after=soon", "'retry-after' needs a whole non-negative number")]
    [InlineData("cut;after=-1", "'after' needs a whole non-negative number")]
    [InlineData("500;rate=2", "'rate' needs a number from 0 to 1")]
    [InlineData("500;colour=red", "unknown fault parameter 'colour'")]
    public void TryParse_SaysWhatToFix(string text, string message)
    {
        FaultSpec.TryParse(text, out FaultSpec? spec, out string? error).ShouldBeFalse();

        spec.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(message);
    }
}
