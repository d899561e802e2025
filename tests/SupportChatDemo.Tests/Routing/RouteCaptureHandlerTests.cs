using System.Net;
using Cascade.SupportChatDemo.Routing;

namespace Cascade.SupportChatDemo.Tests.Routing;

public sealed class RouteCaptureHandlerTests
{
    [Fact]
    public void Read_ParsesEveryCascadeHeader()
    {
        using HttpResponseMessage response = new(HttpStatusCode.OK);
        response.Headers.Add("x-cascade-request-id", "r1");
        response.Headers.Add("x-cascade-tier", "middle");
        response.Headers.Add("x-cascade-model", "m-2");
        response.Headers.Add("x-cascade-attempts", "3");
        response.Headers.Add("x-cascade-escalations", "1");
        response.Headers.Add("x-cascade-fallbacks", "1");
        response.Headers.Add("x-cascade-cost-usd", "0.0000123456");

        RouterCall call = RouteCaptureHandler.Read(response).ShouldNotBeNull();

        call.ShouldBe(new RouterCall("r1", "middle", "m-2", 3, 1, 1, 0.0000123456m));
        call.Reason.ShouldBe("escalated once: a cheaper answer did not pass the quality gate; one fallback after a provider failure");
    }

    [Fact]
    public void Read_WithoutCascadeHeaders_IsNull()
    {
        using HttpResponseMessage response = new(HttpStatusCode.OK);

        RouteCaptureHandler.Read(response).ShouldBeNull();
    }

    [Fact]
    public void Read_WithUnparsableNumbers_KeepsTheRestAndLeavesThemUnknown()
    {
        using HttpResponseMessage response = new(HttpStatusCode.OK);
        response.Headers.Add("x-cascade-tier", "cheap");
        response.Headers.Add("x-cascade-attempts", "many");
        response.Headers.Add("x-cascade-cost-usd", "free");

        RouterCall call = RouteCaptureHandler.Read(response).ShouldNotBeNull();

        call.Tier.ShouldBe("cheap");
        call.Attempts.ShouldBeNull();
        call.CostUsd.ShouldBeNull();
    }

    [Fact]
    public async Task SendAsync_RecordsIntoTheCurrentTurnOnly()
    {
        using StubHandler stub = new();
        using RouteCaptureHandler handler = new() { InnerHandler = stub };
        using HttpMessageInvoker invoker = new(handler);

        using (ChatTurn.Begin(out ChatTurn turn))
        {
            using HttpRequestMessage first = new(HttpMethod.Post, "http://127.0.0.1/v1/chat/completions");
            (await invoker.SendAsync(first, TestContext.Current.CancellationToken)).Dispose();
            using HttpRequestMessage second = new(HttpMethod.Post, "http://127.0.0.1/v1/chat/completions");
            (await invoker.SendAsync(second, TestContext.Current.CancellationToken)).Dispose();

            turn.Calls.Select(c => c.RequestId).ShouldBe(["call-1", "call-2"]);
        }

        ChatTurn.Current.ShouldBeNull();
        using HttpRequestMessage outside = new(HttpMethod.Post, "http://127.0.0.1/v1/chat/completions");
        (await invoker.SendAsync(outside, TestContext.Current.CancellationToken)).Dispose();
        stub.Calls.ShouldBe(3);
    }

    private sealed class StubHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            HttpResponseMessage response = new(HttpStatusCode.OK);
            response.Headers.Add("x-cascade-request-id", $"call-{Calls}");
            return Task.FromResult(response);
        }
    }
}
