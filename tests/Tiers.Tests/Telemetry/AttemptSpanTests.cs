using System.Diagnostics;
using Cascade.Testing;
using Cascade.Tests.Failures;
using Microsoft.Extensions.AI;
using static Cascade.Tests.Cascading.CascadeTestKit;
using static Cascade.Tests.Failures.FakeProviderServer;

namespace Cascade.Tests.Telemetry;

/// <summary>Attempt spans are live: started with the attempt, current while the provider is called.</summary>
public sealed class AttemptSpanTests
{
    [Theory]
    [InlineData(Protocol.OpenAI)]
    [InlineData(Protocol.Anthropic)]
    public async Task AttemptSpan_IsTheParentOfTheProvidersHttpSpan(Protocol protocol)
    {
        using var spans = new ActivityCollector(CascadeTelemetryNames.SourceName, "System.Net.Http");
        using var telemetry = new CascadeTelemetry();
        await using FakeProviderServer cheapServer = await StartAsync(Text("I'm not sure."));
        await using FakeProviderServer strongServer = await StartAsync(Text("It ships in two days."));
        string model = ProviderClients.ModelOf(protocol);
        var cheap = new Tier("cheap", [new Deployment("cheap", "test", model, ProviderClients.Create(protocol, cheapServer.Url, observer: null), Cheap)]);
        var strong = new Tier("strong", [new Deployment("strong", "test", model, ProviderClients.Create(protocol, strongServer.Url, observer: null), Strong)]);
        IChatClient client = new ChatClientBuilder(new TierChatClient(strong))
            .UseCascade(new CascadeLadder().Add(cheap, Cascade.Tests.Cascading.TestGate.RejectingWhen("not sure")), c => c.Telemetry = telemetry)
            .Build();
        string id = Guid.NewGuid().ToString("N");

        ChatResponse response = await client.GetResponseAsync(Ask("When does it ship?"), With(CascadeOptionKeys.RequestId, id));

        response.Text.ShouldBe("It ships in two days.");
        Activity request = spans.Named(CascadeTelemetryNames.RequestActivity).Single(a => Equals(a.GetTagItem(CascadeTelemetryNames.Tags.RequestId), id));
        Activity[] attempts = spans.Stopped.Where(a => a.Source.Name == CascadeTelemetryNames.SourceName && a.OperationName.StartsWith("chat ", StringComparison.Ordinal)
            && Equals(a.GetTagItem(CascadeTelemetryNames.Tags.RequestId), id)).ToArray();
        attempts.Select(a => a.GetTagItem(CascadeTelemetryNames.Tags.Tier)).ShouldBe(["cheap", "strong"]);
        attempts.ShouldAllBe(a => a.ParentSpanId == request.SpanId);
        attempts[0].GetTagItem(CascadeTelemetryNames.Tags.Verdict).ShouldBe("reject", "the judged answer's span ends with its verdict");
        foreach (Activity attempt in attempts)
        {
            Activity http = spans.Stopped.Single(a => a.Source.Name == "System.Net.Http" && a.ParentSpanId == attempt.SpanId);
            http.TraceId.ShouldBe(request.TraceId);
            http.StartTimeUtc.ShouldBeGreaterThanOrEqualTo(attempt.StartTimeUtc);
        }
    }
}
