using Cascade.SupportChatDemo.Routing;

namespace Cascade.SupportChatDemo.Tests.Routing;

public sealed class RouterCallTests
{
    [Theory]
    [InlineData(1, 0, 0, "answered on the first try")]
    [InlineData(2, 0, 0, "2 attempts, no escalation")]
    [InlineData(3, 2, 0, "escalated 2 times: cheaper answers did not pass the quality gate")]
    [InlineData(3, 0, 2, "2 fallbacks after provider failures")]
    public void Reason_DescribesTheRoute(int attempts, int escalations, int fallbacks, string expected) =>
        new RouterCall("r", "t", "m", attempts, escalations, fallbacks, 0m).Reason.ShouldBe(expected);

    [Fact]
    public void Reason_WithUnknownAttempts_SaysSo() =>
        new RouterCall("r", "t", "m", null, null, null, null).Reason.ShouldBe("? attempts, no escalation");
}
