using Cascade.Simulator.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Cascade.Simulator.Tests.Answers;

/// <summary>Realistic mode: over 200 seeded complaints, the strong model covers every point and the cheap one misses some.</summary>
public sealed class ComplaintCoverageTests(ITestOutputHelper output) : IDisposable
{
    private const int Seeds = 200;
    private readonly SimulatorServer _server = new(settings: new Dictionary<string, string?> { ["Simulator:Behavior"] = "Realistic" });

    [Fact]
    public async Task StrongCoversEveryPointAndCheapMissesSome()
    {
        (int strongMissed, int strongPoints) = await MeasureAsync(SimulatorServer.Opus);
        (int cheapMissed, int cheapPoints) = await MeasureAsync(SimulatorServer.Haiku);

        output.WriteLine($"opus: {strongMissed}/{Seeds} answers miss a point ({strongPoints} points missed)");
        output.WriteLine($"haiku: {cheapMissed}/{Seeds} answers miss a point ({cheapPoints} points missed)");
        strongMissed.ShouldBe(0);
        cheapMissed.ShouldBeGreaterThan(0);
        cheapMissed.ShouldBeLessThan(Seeds / 2);
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameAnswer()
    {
        Complaint complaint = ComplaintGenerator.Generate(7, 3);
        IChatClient client = _server.OpenAI(SimulatorServer.Haiku);
        ChatResponse first = await client.GetResponseAsync(complaint.Text, new ChatOptions { Seed = 7 }, TestContext.Current.CancellationToken);
        ChatResponse second = await client.GetResponseAsync(complaint.Text, new ChatOptions { Seed = 7 }, TestContext.Current.CancellationToken);
        second.Text.ShouldBe(first.Text);
    }

    [Fact]
    public async Task AQuestionOutsideTheStoreIsAPlainIDontKnow()
    {
        ChatResponse response = await _server.OpenAI(SimulatorServer.Opus).GetResponseAsync("What is the capital of France?", cancellationToken: TestContext.Current.CancellationToken);
        response.Text.ShouldStartWith("I don't know");
        new HedgingGate().FindPhrases(response.Text).Count.ShouldBeGreaterThanOrEqualTo(2);
    }

    private async Task<(int Answers, int Points)> MeasureAsync(string model)
    {
        IChatClient client = _server.OpenAI(model);
        int answers = 0;
        int points = 0;
        for (int seed = 0; seed < Seeds; seed++)
        {
            Complaint complaint = ComplaintGenerator.Generate(seed);
            ChatResponse response = await client.GetResponseAsync(complaint.Text, new ChatOptions { Seed = seed }, TestContext.Current.CancellationToken);
            IReadOnlyList<string> missed = ComplaintChecker.Missed(complaint, response.Text);
            answers += missed.Count > 0 ? 1 : 0;
            points += missed.Count;
        }

        return (answers, points);
    }

    public void Dispose() => _server.Dispose();
}
