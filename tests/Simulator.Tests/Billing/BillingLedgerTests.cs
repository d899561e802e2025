using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Anthropic.Exceptions;
using Cascade.Simulator.Billing;
using Cascade.Simulator.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Cascade.Simulator.Tests.Billing;

public sealed class BillingLedgerTests : IDisposable
{
    private readonly SimulatorServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Ledger_TotalsPerKey_CountEveryBilledToken()
    {
        ChatResponse a1 = await _server.Anthropic(key: "key-a").GetResponseAsync("What is your return policy?", cancellationToken: TestContext.Current.CancellationToken);
        ChatResponse a2 = await _server.OpenAI(key: "key-a").GetResponseAsync("Which payment methods do you accept?", cancellationToken: TestContext.Current.CancellationToken);
        ChatResponse b1 = await _server.OpenAI(key: "key-b").GetResponseAsync("How long does delivery take?", cancellationToken: TestContext.Current.CancellationToken);
        using (TestHeaders.Scope(("x-sim-fault", "429")))
        {
            await Should.ThrowAsync<AnthropicRateLimitException>(() => _server.Anthropic(key: "key-b").GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken));
        }

        await _server.SettleAsync();
        LedgerReport report = await GetLedgerAsync("/admin/ledger");

        KeyTotalsSnapshot keyA = report.Keys.Single(k => k.Key == "key-a");
        KeyTotalsSnapshot keyB = report.Keys.Single(k => k.Key == "key-b");
        keyA.Requests.ShouldBe(2);
        keyA.BilledRequests.ShouldBe(2);
        keyA.InputTokens.ShouldBe(a1.Usage!.InputTokenCount!.Value + a2.Usage!.InputTokenCount!.Value);
        keyA.OutputTokens.ShouldBe(a1.Usage.OutputTokenCount!.Value + a2.Usage.OutputTokenCount!.Value);
        keyB.Requests.ShouldBe(2);
        keyB.BilledRequests.ShouldBe(1);
        keyB.InputTokens.ShouldBe(b1.Usage!.InputTokenCount!.Value);
        keyB.OutputTokens.ShouldBe(b1.Usage.OutputTokenCount!.Value);
        PriceCatalog prices = PriceCatalog.LoadDefault();
        keyA.CostUsd.ShouldBe(
            prices.GetPrice(SimulatorServer.Haiku).CostOf(a1.Usage.InputTokenCount!.Value, a1.Usage.OutputTokenCount!.Value)
            + prices.GetPrice(SimulatorServer.Mini).CostOf(a2.Usage.InputTokenCount!.Value, a2.Usage.OutputTokenCount!.Value));
        keyA.CostUsd.ShouldBeGreaterThan(0m);
        report.Entries.Where(e => e.Key == "key-a").Sum(e => e.CostUsd!.Value).ShouldBe(keyA.CostUsd);
    }

    [Fact]
    public async Task Telemetry_CountsCallsAndBilledTokens()
    {
        var meters = _server.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var calls = new MetricCollector<long>(meters, Telemetry.SimulatorTelemetry.MeterName, Telemetry.SimulatorTelemetry.Calls);
        using var tokens = new MetricCollector<long>(meters, Telemetry.SimulatorTelemetry.MeterName, Telemetry.SimulatorTelemetry.BilledTokens);

        ChatResponse response = await _server.OpenAI().GetResponseAsync("How long does delivery take?", cancellationToken: TestContext.Current.CancellationToken);
        using (TestHeaders.Scope(("x-sim-fault", "529")))
        {
            await Should.ThrowAsync<Exception>(() => _server.OpenAI().GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken));
        }

        await _server.SettleAsync();
        calls.GetMeasurementSnapshot().Select(m => (string)m.Tags["cascade.simulator.outcome"]!).Order().ShouldBe(["Completed", "Rejected"]);
        calls.GetMeasurementSnapshot().Single(m => (string)m.Tags["cascade.simulator.outcome"]! == "Rejected").Tags["cascade.simulator.fault"].ShouldBe("529");
        tokens.GetMeasurementSnapshot().Where(m => (string)m.Tags["gen_ai.token.type"]! == "input").Sum(m => m.Value).ShouldBe(response.Usage!.InputTokenCount!.Value);
        tokens.GetMeasurementSnapshot().Where(m => (string)m.Tags["gen_ai.token.type"]! == "output").Sum(m => m.Value).ShouldBe(response.Usage.OutputTokenCount!.Value);
    }

    [Fact]
    public async Task Ledger_StaysExactUnderConcurrentCalls()
    {
        IChatClient anthropic = _server.Anthropic(key: "parallel");
        IChatClient openai = _server.OpenAI(key: "parallel");
        string[] questions = ["What is your return policy?", "How long does delivery take?", "Which payment methods do you accept?", "What are your support hours?"];

        ChatResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 48).Select(i =>
            (i % 2 == 0 ? anthropic : openai).GetResponseAsync(questions[i % questions.Length], cancellationToken: TestContext.Current.CancellationToken)));

        await _server.SettleAsync();
        KeyTotals totals = _server.Ledger.Totals.Single(t => t.Key == "parallel");
        totals.Requests.ShouldBe(48);
        totals.BilledRequests.ShouldBe(48);
        totals.InputTokens.ShouldBe(responses.Sum(r => r.Usage!.InputTokenCount!.Value));
        totals.OutputTokens.ShouldBe(responses.Sum(r => r.Usage!.OutputTokenCount!.Value));
    }

    [Fact]
    public async Task Ledger_FiltersByRequestId_AndSumsEveryCallFiledUnderIt()
    {
        long input = 0;
        long output = 0;
        using (TestHeaders.Scope(("x-cascade-request-id", "cascade-1")))
        {
            foreach (string model in new[] { SimulatorServer.Haiku, SimulatorServer.Sonnet })
            {
                ChatResponse response = await _server.Anthropic(model).GetResponseAsync("Can I return a damaged international order after 30 days?", cancellationToken: TestContext.Current.CancellationToken);
                input += response.Usage!.InputTokenCount!.Value;
                output += response.Usage.OutputTokenCount!.Value;
            }
        }

        using (TestHeaders.Scope(("x-cascade-request-id", "cascade-1"), ("x-sim-fault", "529")))
        {
            await Should.ThrowAsync<AnthropicOverloadedException>(() => _server.Anthropic(SimulatorServer.Opus).GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken));
        }

        await _server.OpenAI().GetResponseAsync("unrelated", cancellationToken: TestContext.Current.CancellationToken);

        await _server.SettleAsync();
        LedgerReport report = await GetLedgerAsync("/admin/ledger?requestId=cascade-1");

        report.Entries.Count.ShouldBe(3);
        report.Entries.Select(e => e.Model).ShouldBe([SimulatorServer.Haiku, SimulatorServer.Sonnet, SimulatorServer.Opus]);
        RequestTotals totals = report.Requests.ShouldHaveSingleItem();
        totals.Calls.ShouldBe(3);
        totals.BilledCalls.ShouldBe(2);
        totals.InputTokens.ShouldBe(input);
        totals.OutputTokens.ShouldBe(output);
        totals.CostUsd.ShouldBe(report.Entries.Sum(e => e.CostUsd ?? 0));
        report.Entries[2].CostUsd.ShouldBe(0m);
    }

    [Fact]
    public async Task Ledger_JsonShape_NamesOutcomesAndFaults()
    {
        using (TestHeaders.Scope(("x-cascade-request-id", "shape"), ("x-sim-fault", "500")))
        {
            await Should.ThrowAsync<Exception>(() => _server.OpenAI().GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/ledger?requestId=shape");
        request.Headers.Add("x-admin-key", SimulatorServer.AdminKey);
        using HttpResponseMessage response = await _server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        string json = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        json.ShouldContain("\"outcome\":\"Rejected\"");
        json.ShouldContain("\"fault\":\"500\"");
        json.ShouldContain("\"requestId\":\"shape\"");
        json.ShouldContain("\"billed\":false");
    }

    [Fact]
    public async Task Ledger_Delete_ForgetsEverything()
    {
        await _server.OpenAI().GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/admin/ledger");
        delete.Headers.Add("x-admin-key", SimulatorServer.AdminKey);
        using HttpResponseMessage deleted = await _server.Http.SendAsync(delete, TestContext.Current.CancellationToken);

        LedgerReport report = await GetLedgerAsync("/admin/ledger");

        deleted.StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent);
        report.Entries.ShouldBeEmpty();
        report.Keys.ShouldBeEmpty();
    }

    [Fact]
    public async Task Ledger_BadInput_IsRecordedButNotBilled()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new StringContent("""{"model":"claude-nope","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", "bad-input-key");
        request.Headers.Add("x-request-id", "bad-input");
        using HttpResponseMessage response = await _server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        LedgerEntry entry = _server.Ledger.ForRequest("bad-input").ShouldHaveSingleItem();
        entry.Outcome.ShouldBe(LedgerOutcome.Rejected);
        entry.Status.ShouldBe(404);
        entry.Billed.ShouldBeFalse();
        _server.Ledger.Totals.Single(t => t.Key == "bad-input-key").InputTokens.ShouldBe(0);
    }

    [Fact]
    public async Task Ledger_KeysAreCheckedWhenConfigured()
    {
        using var strict = new SimulatorServer(settings: new Dictionary<string, string?> { ["Simulator:ApiKeys:0"] = "good-key" });

        ChatResponse ok = await strict.OpenAI(key: "good-key").GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken);
        await strict.SettleAsync();
        System.ClientModel.ClientResultException ex = await Should.ThrowAsync<System.ClientModel.ClientResultException>(() => strict.OpenAI(key: "other-key").GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken));
        AnthropicApiException anthropic = await Should.ThrowAsync<AnthropicApiException>(() => strict.Anthropic(key: "other-key").GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken));

        ok.Text.ShouldNotBeEmpty();
        ex.Status.ShouldBe(401);
        ((int)anthropic.StatusCode).ShouldBe(401);
        strict.Ledger.Totals.ShouldHaveSingleItem().Key.ShouldBe("good-key");
    }

    private async Task<LedgerReport> GetLedgerAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Authorization", "Bearer " + SimulatorServer.AdminKey);
        using HttpResponseMessage response = await _server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(Cascade.Simulator.Configuration.SimulatorJsonContext.Default.LedgerReport, TestContext.Current.CancellationToken))!;
    }
}
