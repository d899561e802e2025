using Cascade.Simulator.Answers;
using Cascade.Simulator.Generation;

namespace Cascade.Simulator.Tests.Generation;

public sealed class OutputPlanTests
{
    private static readonly TokenCounter s_counter = TokenCounter.Default;

    [Theory]
    [InlineData("Standard delivery takes 3-5 business days and is free on orders over $50; express delivery takes 1-2 business days for $9.99.")]
    [InlineData("Line one.\n\nLine  two,   with spaces — and ünïcödé, 12345678 digits!")]
    [InlineData("A")]
    [InlineData("")]
    public void Create_PiecesAddUpToTheTextAndItsExactTokenCount(string text)
    {
        OutputPlan plan = OutputPlan.Create(new SimulatedAnswer { Text = text, Logprob = -0.6 }, 10_000, null, s_counter);

        plan.Text.ShouldBe(text);
        string.Concat(plan.Pieces.Select(p => p.Text)).ShouldBe(text);
        plan.OutputTokens.ShouldBe(s_counter.Count(text));
        plan.Pieces.Sum(p => p.Logprob).ShouldBe(text.Length == 0 ? 0 : -0.6, 1e-9);
        plan.Stop.ShouldBe(StopKind.EndTurn);
    }

    [Fact]
    public void Create_StopsAtTheOutputLimit_OnAPieceBoundary()
    {
        const string text = "one two three four five six seven eight nine ten";

        OutputPlan plan = OutputPlan.Create(new SimulatedAnswer { Text = text }, 4, null, s_counter);

        plan.Stop.ShouldBe(StopKind.MaxTokens);
        plan.Text.ShouldBe("one two three four");
        plan.OutputTokens.ShouldBe(4);
    }

    [Fact]
    public void Create_CutsAtTheEarliestStopSequence()
    {
        OutputPlan plan = OutputPlan.Create(new SimulatedAnswer { Text = "alpha beta STOP gamma END delta" }, 100, ["END", "STOP"], s_counter);

        plan.Stop.ShouldBe(StopKind.StopSequence);
        plan.StopSequence.ShouldBe("STOP");
        plan.Text.ShouldBe("alpha beta ");
    }

    [Fact]
    public void Create_CountsToolCallsByNameAndArguments()
    {
        var answer = new SimulatedAnswer { ToolCall = new SimulatedToolCall("call_1", "get_order_status", """{"order_id":"A1"}""") };

        OutputPlan plan = OutputPlan.Create(answer, 100, null, s_counter);

        plan.Stop.ShouldBe(StopKind.ToolUse);
        plan.OutputTokens.ShouldBe(s_counter.Count("get_order_status") + s_counter.Count("""{"order_id":"A1"}"""));
    }

    [Fact]
    public void Create_MarksRefusals()
    {
        OutputPlan plan = OutputPlan.Create(new SimulatedAnswer { Text = AnswerEngine.RefusalText }, 100, ["can't"], s_counter, refusal: true);

        plan.Stop.ShouldBe(StopKind.Refusal);
        plan.Text.ShouldBe(AnswerEngine.RefusalText);
    }
}
