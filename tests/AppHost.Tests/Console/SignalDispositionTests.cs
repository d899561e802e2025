using Cascade.AppHost.Console;

namespace Cascade.AppHost.Tests.Console;

public sealed class SignalDispositionTests
{
    [Theory]
    [InlineData("SigIgn:\t0000000000000002\n", true)]
    [InlineData("SigIgn:\t0000000000001000\n", false)]
    [InlineData("SigIgn:\t0000000000000006\n", true)]
    public void IsIgnored_ReadsSigintFromTheStatusMask(string status, bool ignored) =>
        SignalDisposition.IsIgnored(2, SignalDisposition.ParseIgnoredMask("Name:\tx\n" + status)).ShouldBe(ignored);

    [Fact]
    public void ParseIgnoredMask_WithoutTheLine_IsUnknown_AndUnknownIsNotIgnored()
    {
        ulong? mask = SignalDisposition.ParseIgnoredMask("Name:\tx\nState:\tR\n");

        mask.ShouldBeNull();
        SignalDisposition.IsIgnored(2, mask).ShouldBeFalse();
    }

    [Fact]
    public void IsIgnored_OutsideTheSignalRange_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => SignalDisposition.IsIgnored(65, 0));

    [Fact]
    public void ThisTestProcess_DoesNotIgnoreSigint_UnlessItsParentDid() =>
        SignalDisposition.IsSigIntIgnored().ShouldBe(SignalDisposition.IsIgnored(2, SignalDisposition.ParseIgnoredMask(File.ReadAllText("/proc/self/status"))));
}
