using Cascade.Evaluation.Policies;

namespace Cascade.Evaluation.Tests.Policies;

public sealed class PromptRouterTests
{
    [Fact]
    public void Router_WithAModelOfTheWrongWidth_IsRejected()
    {
        var model = Cascade.Evaluation.Learning.LogisticModel.Fit([[0.0], [1.0]], [false, true]);
        var skipped = new CascadePolicy(GateFamily.Logprob, [1], [], []);

        Should.Throw<ArgumentException>(() => new PromptRouter(model, 0.5, skipped)).Message.ShouldContain("prompt features");
    }
}
