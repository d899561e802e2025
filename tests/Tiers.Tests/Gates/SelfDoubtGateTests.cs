using Microsoft.Extensions.AI;

namespace Cascade.Tests.Gates;

public class SelfDoubtGateTests
{
    [Fact]
    public void ShapeRequest_AddsTheInstructionToACopy()
    {
        var caller = new ChatOptions { Instructions = "Answer concisely.", Temperature = 0.2f };

        ChatOptions? shaped = new SelfDoubtGate().ShapeRequest(caller);

        shaped.ShouldNotBeSameAs(caller);
        shaped!.Instructions.ShouldBe("Answer concisely.\n\n" + SelfDoubtGateOptions.DefaultInstruction);
        shaped.Temperature.ShouldBe(0.2f);
        caller.Instructions.ShouldBe("Answer concisely.");
    }

    [Fact]
    public void ShapeRequest_CreatesOptionsWhenTheCallerHasNoneAndDoesNotRepeatTheInstruction()
    {
        var gate = new SelfDoubtGate();

        ChatOptions? once = gate.ShapeRequest(null);
        ChatOptions? twice = gate.ShapeRequest(once);

        once!.Instructions.ShouldBe(SelfDoubtGateOptions.DefaultInstruction);
        twice!.Instructions.ShouldBe(SelfDoubtGateOptions.DefaultInstruction);
    }

    [Theory]
    [InlineData("UNSURE: the sources disagree.")]
    [InlineData("  unsure: maybe Lyon")]
    [InlineData("**UNSURE:** it could be either")]
    public async Task EvaluateAsync_RejectsAnAnswerStartingWithTheMarker(string text)
    {
        GateVerdict verdict = await new SelfDoubtGate().EvaluateAsync(GateContexts.For(text));

        verdict.Decision.ShouldBe(GateDecision.Reject);
        verdict.Gate.ShouldBe("unsure");
    }

    [Fact]
    public async Task EvaluateAsync_AbstainsWhenTheMarkerIsNotAtTheStart()
    {
        GateVerdict verdict = await new SelfDoubtGate().EvaluateAsync(GateContexts.For("Paris. Nobody is UNSURE: about that."));

        verdict.Decision.ShouldBe(GateDecision.Abstain);
    }

    [Fact]
    public async Task EvaluateAsync_CaseSensitiveWhenConfigured()
    {
        var gate = new SelfDoubtGate(new SelfDoubtGateOptions { IgnoreCase = false });

        (await gate.EvaluateAsync(GateContexts.For("unsure: maybe"))).Decision.ShouldBe(GateDecision.Abstain);
    }

    [Fact]
    public void ShapeResponse_StripsTheMarkerWithoutTouchingTheOriginal()
    {
        ChatResponse original = global::Cascade.Testing.ChatResponses.Text("UNSURE: probably Paris.", modelId: "big");

        ChatResponse kept = new SelfDoubtGate().ShapeResponse(original);

        kept.Text.ShouldBe("probably Paris.");
        kept.ModelId.ShouldBe("big");
        kept.Usage.ShouldBeSameAs(original.Usage);
        original.Text.ShouldBe("UNSURE: probably Paris.");
    }

    [Fact]
    public void ShapeResponse_ReturnsAConfidentAnswerAsIs()
    {
        ChatResponse original = global::Cascade.Testing.ChatResponses.Text("Paris.");

        new SelfDoubtGate().ShapeResponse(original).ShouldBeSameAs(original);
    }
}
