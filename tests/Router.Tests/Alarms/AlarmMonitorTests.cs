extern alias simulator;

using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Cascade.Router.Tests;

[Collection(MeterSensitiveCollection.Name)]
public sealed class AlarmMonitorTests
{
    private const string Pinned = """{"model":"haiku","max_tokens":60,"messages":[{"role":"user","content":"How do I reset my password?"}]}""";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Router:UpfrontRouting:Enabled"] = "false",
        ["Router:Alarms:Window"] = "4",
        ["Router:Alarms:MinimumRequests"] = "2",
        ["Cascade:Reliability:Retry:MaxRetries"] = "0",
        ["Cascade:Reliability:Circuit:FailureThreshold"] = "2",
        ["Cascade:Tiers:0:Deployments:0:Name"] = "primary",
        ["Cascade:Tiers:0:Deployments:1:Name"] = "backup",
        ["Cascade:Tiers:0:Deployments:1:Provider"] = "openai",
        ["Cascade:Tiers:0:Deployments:1:Model"] = SimulatorHost.Sonnet,
    };

    [Fact]
    public async Task FallbacksAndAnOpenCircuit_RaiseAlarms_ListedInStatsAndMetrics_ThatClearWhenTheProviderIsBack()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator, settings: Settings);
        using var raised = new MetricCollector<long>(router.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), AlarmMonitor.MeterName, AlarmMonitor.RaisedMetric);
        CreatedApiKey key = await router.CreateKeyAsync();
        using HttpClient http = router.CreateHttpClient(key.Secret);
        using HttpClient admin = router.CreateAdminClient();
        simulator.Faults.Set(SimulatorHost.Haiku, Fault("500"));

        for (int i = 0; i < 2; i++)
        {
            (await http.PostAsync("/v1/messages", OpenAIEndpointTests.Json(Pinned))).Headers.GetValues("x-cascade-fallbacks").Single().ShouldBe("1");
        }

        IReadOnlyList<Alarm> alarms = await AlarmsAsync(http);
        alarms.Select(a => (a.Kind, a.Subject)).ShouldBe([(AlarmKind.FallbackShare, "all"), (AlarmKind.CircuitOpen, "haiku/primary")]);
        alarms[0].Value.ShouldBe(1.0);
        alarms[0].Threshold.ShouldBe(0.05);
        raised.GetMeasurementSnapshot().Select(m => (string?)m.Tags["cascade.alarm.kind"]).Order().ShouldBe(["circuit_open", "fallback_share"]);
        using HttpClient scraper = router.CreateHttpClient();
        PrometheusMetricFamily active = PrometheusTextParser.Parse(await scraper.GetStringAsync("/metrics"))["cascade_router_alarms_active"];
        active.Type.ShouldBe("gauge");
        active.Samples.Select(s => s.Labels["cascade_alarm_subject"]).Order().ShouldBe(["all", "haiku/primary"]);

        simulator.Faults.Clear(SimulatorHost.Haiku);
        (await admin.PostAsync("/admin/circuits/primary/reset", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AlarmsAsync(http)).Select(a => a.Kind).ShouldBe([AlarmKind.FallbackShare], "the circuit is closed, but half the window still fell back");
        for (int i = 0; i < 4; i++)
        {
            (await http.PostAsync("/v1/messages", OpenAIEndpointTests.Json(Pinned))).Headers.GetValues("x-cascade-fallbacks").Single().ShouldBe("0");
        }

        (await AlarmsAsync(http)).ShouldBeEmpty();
        FakeLogCollector logs = router.Services.GetFakeLogCollector();
        IReadOnlyList<FakeLogRecord> records = logs.GetSnapshot().Where(r => r.Category == typeof(AlarmMonitor).FullName).ToArray();
        records.Where(r => r.Level == LogLevel.Warning).Select(r => r.GetStructuredStateValue("AlarmKind")).Order().ShouldBe(["CircuitOpen", "FallbackShare"]);
        records.Where(r => r.Level == LogLevel.Information && r.Message.StartsWith("Alarm cleared", StringComparison.Ordinal)).Select(r => r.GetStructuredStateValue("AlarmSubject")).Order().ShouldBe(["all", "haiku/primary"]);
    }

    [Fact]
    public async Task AWorkloadWhoseCheapTierCannotAnswer_RaisesTheEscalationAlarm_ThatClearsOnQuestionsItAnswers()
    {
        // The realistic simulator answers a question it has no answer for with a plain, hedged "I don't know", which the
        // shipped gates reject; the store's support questions it answers from its policy table.
        await using SimulatorHost simulator = await SimulatorHost.StartAsync(overrides: new Dictionary<string, string?> { ["Simulator:Behavior"] = "Realistic" });
        await using RouterFactory router = RouterFactory.OnKestrel(simulator, settings: new Dictionary<string, string?>
        {
            ["Router:UpfrontRouting:Enabled"] = "false",
            ["Router:Alarms:Window"] = "4",
            ["Router:Alarms:MinimumRequests"] = "2",
        });
        CreatedApiKey key = await router.CreateKeyAsync();
        using HttpClient http = router.CreateHttpClient(key.Secret);
        using HttpClient admin = router.CreateAdminClient();

        foreach (string question in new[] { "What is the boiling point of tungsten in kelvin?", "Who painted the ceiling of the Sistine Chapel?" })
        {
            using HttpResponseMessage hard = await http.PostAsync("/v1/chat/completions", OpenAIEndpointTests.Json(Ask(question)));
            hard.Headers.GetValues("x-cascade-escalations").Single().ShouldNotBe("0", await hard.Content.ReadAsStringAsync());
        }

        Alarm alarm = (await AlarmsAsync(admin)).ShouldHaveSingleItem();
        alarm.Kind.ShouldBe(AlarmKind.EscalationRate);
        alarm.Subject.ShouldBe("general");

        foreach (string question in new[] { "Can I pay with PayPal?", "How long does delivery take?" })
        {
            using HttpResponseMessage easy = await http.PostAsync("/v1/chat/completions", OpenAIEndpointTests.Json(Ask(question)));
            easy.Headers.GetValues("x-cascade-escalations").Single().ShouldBe("0", await easy.Content.ReadAsStringAsync());
        }

        (await AlarmsAsync(admin)).ShouldBeEmpty("2 of the last 4 escalated, which is not above 50 %");

        static string Ask(string question) =>
            System.Text.Json.JsonSerializer.Serialize(new { model = "cascade/general", messages = new[] { new { role = "user", content = question } } });
    }

    [Fact]
    public async Task AWorkloadEscalatingMostOfTheTime_RaisesAnAlarm_ThatClearsWhenItsRateFalls()
    {
        await using RouterFactory router = new(settings: Settings);
        ICascadeStateStore state = router.Services.GetRequiredService<ICascadeStateStore>();
        AlarmMonitor monitor = router.Services.GetRequiredService<AlarmMonitor>();
        using HttpClient admin = router.CreateAdminClient();

        await AppendAsync(escalated: true, count: 2);
        await AppendAsync(escalated: false, count: 1);
        Alarm alarm = (await AlarmsAsync(admin)).ShouldHaveSingleItem();
        alarm.Kind.ShouldBe(AlarmKind.EscalationRate);
        alarm.Subject.ShouldBe("faq");
        alarm.Value.ShouldBe(2.0 / 3, 1e-9);

        await AppendAsync(escalated: false, count: 1);
        (await AlarmsAsync(admin)).ShouldBeEmpty("2 of the last 4 is not above 50 %");
        await AppendAsync(escalated: true, count: 3);
        (await monitor.EvaluateAsync()).ShouldHaveSingleItem().Kind.ShouldBe(AlarmKind.EscalationRate);
        await AppendAsync(escalated: false, count: 4);
        (await monitor.EvaluateAsync()).ShouldBeEmpty();

        async Task AppendAsync(bool escalated, int count)
        {
            for (int i = 0; i < count; i++)
            {
                await state.AppendWorkloadOutcomeAsync("faq", new WorkloadOutcome { At = router.Clock.GetUtcNow(), StartTier = "haiku", ResolvedTier = escalated ? "sonnet" : "haiku", Escalated = escalated }, 100);
            }
        }
    }

    [Fact]
    public async Task AKeySpendingAheadOfItsDailyPace_RaisesAnAlarmOnlyItAndTheAdminSee_ThatClearsWithTheNewDay()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        await using RouterFactory router = RouterFactory.OnKestrel(simulator, settings: Settings);
        CreatedApiKey spender = await router.CreateKeyAsync(name: "spender");
        CreatedApiKey other = await router.CreateKeyAsync(name: "other");
        using HttpClient http = router.CreateHttpClient(spender.Secret);
        using HttpClient otherHttp = router.CreateHttpClient(other.Secret);
        using HttpClient admin = router.CreateAdminClient();
        for (int i = 0; i < 2; i++)
        {
            (await http.PostAsync("/v1/messages", OpenAIEndpointTests.Json(Pinned))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        decimal billed = (await router.Services.GetRequiredService<ISpendStore>().GetAsync(spender.Key.Id)).DailyBilled;
        billed.ShouldBeGreaterThan(0);
        (await AlarmsAsync(http)).ShouldBeEmpty("the key has no cap yet");

        // 10:00 is 5/12 of the day: a cap of 1.5 times the spend so far allows 0.625 of it by now.
        decimal cap = decimal.Round(billed * 1.5m, 9);
        (await admin.PutAsJsonAsync($"/admin/keys/{spender.Key.Id}/policy", new ApiKeyPolicy { DailySpendCap = cap, MaxRequestCost = cap / 10 })).StatusCode.ShouldBe(HttpStatusCode.OK);

        Alarm alarm = (await AlarmsAsync(http)).ShouldHaveSingleItem();
        alarm.Kind.ShouldBe(AlarmKind.SpendPace);
        alarm.Subject.ShouldBe($"{spender.Key.Id}/daily");
        alarm.KeyId.ShouldBe(spender.Key.Id);
        alarm.Value.ShouldBe((double)billed);
        alarm.Threshold.ShouldBe((double)cap * 10 / 24, 1e-12);
        (await AlarmsAsync(admin)).ShouldHaveSingleItem().Subject.ShouldBe($"{spender.Key.Id}/daily");
        (await AlarmsAsync(otherHttp)).ShouldBeEmpty("another key's spend is not this key's to see");

        router.Clock.Advance(TimeSpan.FromHours(14));
        (await AlarmsAsync(http)).ShouldBeEmpty("a new day began with nothing spent");
    }

    private static async Task<IReadOnlyList<Alarm>> AlarmsAsync(HttpClient http) =>
        (await http.GetFromJsonAsync("/v1/stats", RouterJsonContext.Default.RouterStats))!.Alarms ?? [];

    private static simulator::Cascade.Simulator.Faults.FaultSpec Fault(string text) =>
        simulator::Cascade.Simulator.Faults.FaultSpec.TryParse(text, out var spec, out string? error) ? spec : throw new ArgumentException(error);
}
