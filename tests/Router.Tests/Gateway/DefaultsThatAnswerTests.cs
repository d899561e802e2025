extern alias simulator;

using System.ClientModel;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;
using simulator::Cascade.Simulator.Faults;

namespace Cascade.Router.Tests;

/// <summary>The router's shipped defaults answer when a healthy deployment of the tier is left.</summary>
public sealed class DefaultsThatAnswerTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RateLimitThatOutlastsItsRetry_IsAnsweredByTheTiersOtherDeployment(bool stream)
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        simulator.Faults.Set(SimulatorHost.Haiku, Fault("429;retry-after=0"));
        await using RouterFactory router = RouterFactory.OnKestrel(simulator, settings: new Dictionary<string, string?>
        {
            ["Cascade:Tiers:0:Deployments:1:Model"] = SimulatorHost.Sonnet,
        });
        CreatedApiKey key = await router.CreateKeyAsync();
        ChatClient client = OpenAIEndpointTests.Client(router, key.Secret, "haiku");

        string text = await AskAsync(client, "What is your return policy?", stream);

        text.ShouldNotBeNullOrWhiteSpace();
        IReadOnlyList<AttemptRecord> attempts = await AttemptsAsync(router);
        attempts.Select(a => (a.Model, a.Kind, a.Failure)).ShouldBe(
        [
            (SimulatorHost.Haiku, AttemptKind.Initial, FailureCause.RateLimited),
            (SimulatorHost.Haiku, AttemptKind.Retry, FailureCause.RateLimited),
            (SimulatorHost.Sonnet, AttemptKind.Fallback, null),
        ]);
        attempts[^1].SwitchCause.ShouldBe(FailureCause.RateLimited.ToName());
        await GatewayAssertions.ShouldMatchTheSimulatorLedgerAsync(simulator, router);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ContextLengthError_IsAnsweredByTheSameTiersLargerWindowDeployment(bool stream)
    {
        // The provider holds fewer tokens than the deployment's configured window says: it answers context_length_exceeded.
        await using SimulatorHost simulator = await SimulatorHost.StartAsync(overrides: new Dictionary<string, string?>
        {
            [$"Simulator:Models:{SimulatorHost.Haiku}:ContextWindow"] = "300",
        });
        await using RouterFactory router = RouterFactory.OnKestrel(simulator, settings: new Dictionary<string, string?>
        {
            ["Cascade:Tiers:0:Deployments:0:ContextWindow"] = "100000",
            ["Cascade:Tiers:0:Deployments:1:Model"] = SimulatorHost.Sonnet,
            ["Cascade:Tiers:0:Deployments:1:ContextWindow"] = "200000",
        });
        CreatedApiKey key = await router.CreateKeyAsync();
        ChatClient client = OpenAIEndpointTests.Client(router, key.Secret, "haiku");
        string question = string.Join(' ', Enumerable.Repeat("My parcel was left at the wrong door again.", 60)) + " What can I do?";

        string text = await AskAsync(client, question, stream);

        text.ShouldNotBeNullOrWhiteSpace();
        IReadOnlyList<AttemptRecord> attempts = await AttemptsAsync(router);
        attempts.Select(a => (a.Tier, a.Model, a.Kind, a.Failure)).ShouldBe(
        [
            ("haiku", SimulatorHost.Haiku, AttemptKind.Initial, FailureCause.ContextTooLong),
            ("haiku", SimulatorHost.Sonnet, AttemptKind.Fallback, null),
        ]);
    }

    private static async Task<string> AskAsync(ChatClient client, string question, bool stream)
    {
        if (!stream)
        {
            ClientResult<ChatCompletion> completion = await client.CompleteChatAsync([new UserChatMessage(question)]);
            return completion.Value.Content[0].Text;
        }

        var text = new System.Text.StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (StreamingChatCompletionUpdate update in client.CompleteChatStreamingAsync([new UserChatMessage(question)]))
        {
            foreach (ChatMessageContentPart part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish = update.FinishReason ?? finish;
        }

        finish.ShouldNotBeNull();
        return text.ToString();
    }

    private static async Task<IReadOnlyList<AttemptRecord>> AttemptsAsync(RouterFactory router) =>
        (await router.Services.GetRequiredService<ICascadeStateStore>().GetRecentAttemptsAsync(100)).OrderBy(a => a.Sequence).ToArray();

    private static FaultSpec Fault(string text) =>
        FaultSpec.TryParse(text, out FaultSpec? spec, out string? error) ? spec : throw new ArgumentException(error);
}
