using Cascade.Simulator.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Cascade.Simulator.Tests.Answers;

/// <summary>A request carrying a partial answer in a trailing user message gets exactly the rest of that answer.</summary>
public sealed class ContinuationTests : IDisposable
{
    private readonly SimulatorServer _server = new(settings: new Dictionary<string, string?> { ["Simulator:Behavior"] = "Realistic" });

    [Theory]
    [InlineData(SimulatorServer.Opus, 5)]
    [InlineData(SimulatorServer.Haiku, 17)]
    public async Task AContinuationIsTheRestOfTheInterruptedStream(string model, int cutAfter)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        const string Question = "Hi, the mug arrived cracked and I was charged twice for the same order. Please help.";
        IChatClient client = _server.Anthropic(model);
        string whole = (await client.GetResponseAsync(Question, cancellationToken: ct)).Text;

        // The interrupted stream: the connection ends after cutAfter tokens.
        var partial = new System.Text.StringBuilder();
        await Should.ThrowAsync<Exception>(async () =>
        {
            using var scope = TestHeaders.Scope(("x-sim-fault", $"cut;after={cutAfter}"));
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(Question, cancellationToken: ct))
            {
                partial.Append(update.Text);
            }
        });
        partial.Length.ShouldBeGreaterThan(0);
        partial.Length.ShouldBeLessThan(whole.Length);
        whole.ShouldStartWith(partial.ToString());

        // The continuation, on another deployment of the same model: the partial answer travels in a trailing user message.
        ChatMessage[] continuation =
        [
            new(ChatRole.User, Question),
            new(ChatRole.User, "Your previous answer was interrupted. Continue exactly where it stopped. Your answer so far:\n\n" + partial),
        ];
        string rest = (await _server.Anthropic(model).GetResponseAsync(continuation, cancellationToken: ct)).Text;
        (partial + rest).ShouldBe(whole);
    }

    [Fact]
    public async Task AnOrdinaryFollowUpIsNotTakenForAContinuation()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        ChatMessage[] conversation =
        [
            new(ChatRole.User, "Hi, the mug arrived cracked."),
            new(ChatRole.User, "Also, I was charged twice for the same order."),
        ];
        string answer = (await _server.Anthropic(SimulatorServer.Opus).GetResponseAsync(conversation, cancellationToken: ct)).Text;
        answer.ShouldStartWith("Thanks for getting in touch");
    }

    public void Dispose() => _server.Dispose();
}
