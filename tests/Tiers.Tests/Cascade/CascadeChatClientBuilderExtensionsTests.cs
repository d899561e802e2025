using System.Net;
using Cascade.Testing;
using Cascade.Tests.Resilience;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Cascade.Tests.Cascading.CascadeTestKit;

namespace Cascade.Tests.Cascading;

/// <summary>
/// <c>UseCascade</c> with no service provider behind it must call tiers the way <c>AddCascade</c> does: the same retry,
/// the same cause table, the same circuits.
/// </summary>
public sealed class CascadeChatClientBuilderExtensionsTests
{
    [Fact]
    public async Task UseCascadeWithoutServices_RetriesA429_ExactlyAsAddCascade()
    {
        IReadOnlyList<AttemptRecord> embedded = await RunEmbeddedAsync(Status(HttpStatusCode.TooManyRequests), expectAnswer: true);
        IReadOnlyList<AttemptRecord> registered = await RunRegisteredAsync(Status(HttpStatusCode.TooManyRequests), expectAnswer: true);

        Shape(embedded).ShouldBe([("cheap", AttemptKind.Initial, AttemptOutcome.Failed, FailureCause.RateLimited), ("cheap", AttemptKind.Retry, AttemptOutcome.Accepted, null)]);
        Shape(registered).ShouldBe(Shape(embedded));
    }

    [Fact]
    public async Task UseCascadeWithoutServices_StopsOnA401_ExactlyAsAddCascade()
    {
        IReadOnlyList<AttemptRecord> embedded = await RunEmbeddedAsync(Status(HttpStatusCode.Unauthorized), expectAnswer: false);
        IReadOnlyList<AttemptRecord> registered = await RunRegisteredAsync(Status(HttpStatusCode.Unauthorized), expectAnswer: false);

        // A key the provider refuses is not the next tier's problem: no retry, no move up the ladder.
        Shape(embedded).ShouldBe([("cheap", AttemptKind.Initial, AttemptOutcome.Failed, FailureCause.Authentication)]);
        Shape(registered).ShouldBe(Shape(embedded));
    }

    [Fact]
    public void UseCascadeWithoutServices_CallsTiersThroughTheResilientInvoker()
    {
        IChatClient client = NewCascade(TestChatClient.Answering("strong"), l => l.Add(Tier("cheap", TestChatClient.Answering("cheap"), Cheap)));

        client.GetService<CascadeChatClient>()!.Invoker.ShouldBeOfType<ResilientTierInvoker>()
            .Policy.DecisionFor(FailureCause.Authentication).ShouldBe(FailureDecision.Stop);
    }

    private static async Task<IReadOnlyList<AttemptRecord>> RunEmbeddedAsync(Exception first, bool expectAnswer)
    {
        var time = new TimerRecordingTimeProvider();
        TestChatClient cheap = new TestChatClient().ThenThrow(first).ThenAnswer("cheap answer");
        TestChatClient strong = TestChatClient.Answering("strong answer");
        IChatClient client = NewCascade(strong, l => l.Add(Tier("cheap", cheap, Cheap)), c => c.TimeProvider = time);

        IReadOnlyList<AttemptRecord> attempts = await RunAsync(client, time, expectAnswer);
        strong.CallCount.ShouldBe(0);
        return attempts;
    }

    private static async Task<IReadOnlyList<AttemptRecord>> RunRegisteredAsync(Exception first, bool expectAnswer)
    {
        var time = new TimerRecordingTimeProvider();
        var cheap = new TestChatClient().ThenThrow(first).ThenAnswer("cheap answer");
        var strong = TestChatClient.Answering("strong answer");
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cascade:Tiers:0:Name"] = "cheap",
            ["Cascade:Tiers:0:Kind"] = "scripted",
            ["Cascade:Tiers:0:Deployments:0:Model"] = "cheap",
            ["Cascade:Tiers:0:Deployments:0:Price:Input"] = "1",
            ["Cascade:Tiers:0:Deployments:0:Price:Output"] = "5",
            ["Cascade:Tiers:1:Name"] = "strong",
            ["Cascade:Tiers:1:Kind"] = "scripted",
            ["Cascade:Tiers:1:Deployments:0:Model"] = "strong",
            ["Cascade:Tiers:1:Deployments:0:Price:Input"] = "5",
            ["Cascade:Tiers:1:Deployments:0:Price:Output"] = "25",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddKeyedSingleton("cheap", cheap);
        services.AddKeyedSingleton("strong", strong);
        services.AddTierKind<ScriptedTierKind>();
        services.AddCascade(configuration);
        await using ServiceProvider provider = services.BuildServiceProvider();

        IReadOnlyList<AttemptRecord> attempts = await RunAsync(provider.GetRequiredService<IChatClient>(), time, expectAnswer);
        strong.CallCount.ShouldBe(0);
        return attempts;
    }

    private static async Task<IReadOnlyList<AttemptRecord>> RunAsync(IChatClient client, TimerRecordingTimeProvider time, bool expectAnswer)
    {
        Task<ChatResponse> call = client.GetResponseAsync(Ask("Where is my order?"));

        // The retry waits its backoff (one second plus jitter) on the fake clock; the attempt timeout is far longer.
        if (expectAnswer)
        {
            SpinWait.SpinUntil(() => call.IsCompleted || time.DueTimes.Any(d => d > TimeSpan.Zero && d <= TimeSpan.FromSeconds(2)), TimeSpan.FromSeconds(10)).ShouldBeTrue();
            time.Advance(TimeSpan.FromSeconds(2));
            ChatResponse response = await call;
            response.Text.ShouldBe("cheap answer");
            return response.GetCascadeRoute()!.Attempts;
        }

        TierFailedException failed = await Should.ThrowAsync<TierFailedException>(call);
        return failed.Route!.Attempts;
    }

    private static (string Tier, AttemptKind Kind, AttemptOutcome Outcome, FailureCause? Failure)[] Shape(IReadOnlyList<AttemptRecord> attempts) =>
        attempts.Select(a => (a.Tier, a.Kind, a.Outcome, a.Failure)).ToArray();

    private static HttpRequestException Status(HttpStatusCode status) => new($"Response status code does not indicate success: {(int)status}.", null, status);

    /// <summary>A tier kind handing out the test's scripted clients by model name.</summary>
    private sealed class ScriptedTierKind : ITierKind
    {
        public string Name => "scripted";

        public IChatClient CreateClient(TierKindContext context) => context.Services.GetRequiredKeyedService<TestChatClient>(context.Deployment.Model);
    }
}
