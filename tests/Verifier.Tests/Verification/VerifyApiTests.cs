using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cascade.Testing;
using Cascade.Verifier.Verification;

namespace Cascade.Verifier.Tests.Verification;

public sealed class VerifyApiTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cascade-verifier-").FullName;

    [Fact]
    public async Task Verify_AcceptsWhenTheJudgeApprovesAndReportsTheJudgesCost()
    {
        using var factory = new VerifierFactory();
        using HttpClient client = factory.CreateClient();

        VerificationResult result = await client.VerifyAsync(VerifyRequests.Answer("Paris."));

        result.Verdict.ShouldBe(GateDecision.Accept);
        result.RequestId.ShouldBe("req-1");
        result.Score.ShouldBe(0.875);
        result.Reasons.ShouldHaveSingleItem().Check.ShouldBe("judge");
        result.Checks.Select(c => c.Check).ShouldBe(["cut-off", "json-schema", "format", "multiple-choice", "unsure", "hedging", "logprob", "judge"]);
        result.Cost.Usd.ShouldBe(0.00125m);
        result.Cost.ModelCalls.ShouldBe(1);
        result.Cost.Model.ShouldBe("claude-haiku-4-5-20251001");
        result.Cached.ShouldBeFalse();
        factory.Judge.Calls.ShouldHaveSingleItem().Messages.ShouldHaveSingleItem().Text.ShouldContain("Answer to evaluate:\nParis.");
    }

    [Fact]
    public async Task Verify_CheapChecksRejectWithoutCallingTheJudge()
    {
        using var factory = new VerifierFactory();
        using HttpClient client = factory.CreateClient();

        VerificationResult hedged = await client.VerifyAsync(VerifyRequests.Answer("I think it is Paris, but I'm not sure."));
        VerificationResult cutOff = await client.VerifyAsync(VerifyRequests.Answer("Paris is the", finishReason: "length"));
        VerificationResult unsure = await client.VerifyAsync(VerifyRequests.Answer("UNSURE: Paris or Lyon"));

        hedged.Verdict.ShouldBe(GateDecision.Reject);
        hedged.Reasons.ShouldHaveSingleItem().Check.ShouldBe("hedging");
        cutOff.Reasons.ShouldHaveSingleItem().Check.ShouldBe("cut-off");
        unsure.Reasons.ShouldHaveSingleItem().Check.ShouldBe("unsure");
        hedged.Cost.Usd.ShouldBe(0);
        factory.Judge.CallCount.ShouldBe(0);
    }

    [Fact]
    public async Task Verify_JudgeRejectionAndExpectations()
    {
        var judge = TestChatClient.Answering("""{"accuracy":2,"completeness":2,"clarity":4,"overall":2,"should_escalate":true}""");
        using var factory = new VerifierFactory(judge);
        using HttpClient client = factory.CreateClient();

        VerificationResult judged = await client.VerifyAsync(VerifyRequests.Answer("Lyon."));
        VerificationResult schema = await client.VerifyAsync(VerifyRequests.Answer("""{"city": 42}""", expectations: new VerificationExpectations
        {
            JsonSchema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement,
        }));
        VerificationResult choice = await client.VerifyAsync(VerifyRequests.Answer("A or B", expectations: new VerificationExpectations { Choices = ["A", "B", "C", "D"] }));

        judged.Verdict.ShouldBe(GateDecision.Reject);
        judged.Score.ShouldBe(0.25);
        judged.Reasons.ShouldHaveSingleItem().Detail.ShouldContain("escalation asked");
        schema.Reasons.ShouldHaveSingleItem().Check.ShouldBe("json-schema");
        choice.Reasons.ShouldHaveSingleItem().Detail.ShouldBe("several choices: A, B");
    }

    [Fact]
    public async Task Verify_ToolCallTurnIsAcceptedWithoutChecks()
    {
        using var factory = new VerifierFactory();
        using HttpClient client = factory.CreateClient();

        VerificationResult result = await client.VerifyAsync(VerifyRequests.Answer("", finishReason: "tool_calls"));

        result.Verdict.ShouldBe(GateDecision.Accept);
        result.Reasons.ShouldHaveSingleItem().Detail.ShouldBe("tool call");
        result.Checks.ShouldBeEmpty();
        factory.Judge.CallCount.ShouldBe(0);
    }

    [Fact]
    public async Task Verify_AllAbstainSaysAbstainUnlessARuleIsGiven()
    {
        using var factory = new VerifierFactory();
        using HttpClient client = factory.CreateClient();

        VerificationResult open = await client.VerifyAsync(VerifyRequests.Answer("Paris.", checks: ["cut-off", "hedging"]));
        VerificationResult strict = await client.VerifyAsync(VerifyRequests.Answer("Paris.", checks: ["cut-off", "hedging"], abstention: AbstentionRule.Reject));

        open.Verdict.ShouldBe(GateDecision.Abstain);
        open.Checks.Count.ShouldBe(2);
        open.Reasons[0].ShouldBe(new VerificationReason("pipeline", "every check abstained"));
        strict.Verdict.ShouldBe(GateDecision.Reject);
        factory.Judge.CallCount.ShouldBe(0);
    }

    [Fact]
    public async Task Verify_SameCandidateIsJudgedOnceAndCostIsAttributedPerRequest()
    {
        using var factory = new VerifierFactory();
        using HttpClient client = factory.CreateClient();

        VerificationResult first = await client.VerifyAsync(VerifyRequests.Answer("Paris.", requestId: "req-a"));
        VerificationResult second = await client.VerifyAsync(VerifyRequests.Answer("Paris.", requestId: "req-b"));
        VerificationResult again = await client.VerifyAsync(VerifyRequests.Answer("Paris.", requestId: "req-a"));
        VerificationResult other = await client.VerifyAsync(VerifyRequests.Answer("Paris, France.", requestId: "req-a"));

        factory.Judge.CallCount.ShouldBe(2);
        first.Cached.ShouldBeFalse();
        second.Cached.ShouldBeTrue();
        second.RequestId.ShouldBe("req-b");
        second.Verdict.ShouldBe(first.Verdict);
        second.Cost.Usd.ShouldBe(0);
        again.Cached.ShouldBeTrue();
        other.Cached.ShouldBeFalse();

        using JsonDocument a = JsonDocument.Parse(await client.GetStringAsync("/v1/requests/req-a/verification"));
        a.RootElement.GetProperty("usd").GetDecimal().ShouldBe(0.0025m);
        a.RootElement.GetProperty("model_calls").GetInt32().ShouldBe(2);
        a.RootElement.GetProperty("verifications").GetInt32().ShouldBe(3);
        a.RootElement.GetProperty("cached_verifications").GetInt32().ShouldBe(1);
        (await client.GetAsync("/v1/requests/nobody/verification")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Verify_ConcurrentAsksForOneCandidateShareOneJudgeCall()
    {
        var release = new TaskCompletionSource<Microsoft.Extensions.AI.ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var judge = new TestChatClient();
        judge.Steps.Add((_, _, _) => release.Task);
        using var factory = new VerifierFactory(judge);
        using HttpClient client = factory.CreateClient();

        Task<VerificationResult> one = client.VerifyAsync(VerifyRequests.Answer("Paris.", requestId: "c1"));
        Task<VerificationResult> two = client.VerifyAsync(VerifyRequests.Answer("Paris.", requestId: "c2"));
        while (judge.CallCount == 0)
        {
            await Task.Yield();
        }

        release.SetResult(ChatResponses.Text("""{"accuracy":4,"completeness":4,"clarity":4,"overall":4,"should_escalate":false}"""));
        VerificationResult[] results = await Task.WhenAll(one, two);

        judge.CallCount.ShouldBe(1);
        results.Count(r => r.Cached).ShouldBe(1);
        results.ShouldAllBe(r => r.Verdict == GateDecision.Accept);
    }

    [Fact]
    public async Task Verify_JudgeDownRejectsAndIsNotCached()
    {
        var judge = TestChatClient.Failing(new HttpRequestException("connection refused"));
        using var factory = new VerifierFactory(judge);
        using HttpClient client = factory.CreateClient();

        VerificationResult first = await client.VerifyAsync(VerifyRequests.Answer("Paris."));
        VerificationResult second = await client.VerifyAsync(VerifyRequests.Answer("Paris."));

        first.Verdict.ShouldBe(GateDecision.Reject);
        first.Reasons.ShouldHaveSingleItem().Detail.ShouldBe("judge tier 'judge' failed; rejecting");
        second.Cached.ShouldBeFalse();
        judge.CallCount.ShouldBe(2);
    }

    [Fact]
    public async Task Verify_PolicyCanRaiseTheJudgesBarAndAskForConsistency()
    {
        var judge = TestChatClient.Answering("""{"accuracy":4,"completeness":4,"clarity":4,"overall":4,"should_escalate":false}""");
        using var factory = new VerifierFactory(judge);
        using HttpClient client = factory.CreateClient();

        VerificationResult strict = await client.VerifyAsync(VerifyRequests.Answer("Paris.") with { Policy = new VerificationPolicy { AcceptAtOverall = 4.5 } });
        VerificationResult consistency = await client.VerifyAsync(VerifyRequests.Answer("Paris.", checks: ["consistency"]));

        strict.Verdict.ShouldBe(GateDecision.Reject);
        consistency.Verdict.ShouldBe(GateDecision.Reject);
        consistency.Reasons.ShouldHaveSingleItem().Check.ShouldBe("consistency");
        consistency.Cost.ModelCalls.ShouldBe(1);
    }

    [Fact]
    public async Task Verify_UsesTheCalibratedThresholdOfTheWorkloadAndModel()
    {
        string file = Path.Combine(_directory, "calibration.json");
        new GateCalibration
        {
            MaxFalseAcceptRate = 0.05,
            Workloads =
            {
                ["mmlu"] = new WorkloadCalibration
                {
                    LogprobThreshold = -1,
                    Abstention = AbstentionRule.Reject,
                    Models = { ["small-model"] = new ModelCalibration { LogprobThreshold = -0.1, Abstention = AbstentionRule.Reject } },
                },
            },
        }.Save(file);
        using var factory = new VerifierFactory(settings: new() { ["Verifier:CalibrationFile"] = file });
        using HttpClient client = factory.CreateClient();
        string[] checks = ["multiple-choice", "logprob"];
        var choices = new VerificationExpectations { Choices = ["A", "B", "C", "D"] };

        VerificationResult confident = await client.VerifyAsync(VerifyRequests.Answer("B", logprob: -0.05, workload: "mmlu", checks: checks, expectations: choices));
        VerificationResult doubtful = await client.VerifyAsync(VerifyRequests.Answer("B", logprob: -0.5, workload: "mmlu", checks: checks, expectations: choices));
        VerificationResult otherModel = await client.VerifyAsync(VerifyRequests.Answer("B", logprob: -0.5, workload: "mmlu", checks: checks, expectations: choices, model: "big-model"));
        VerificationResult noLogprob = await client.VerifyAsync(VerifyRequests.Answer("B", workload: "mmlu", checks: checks, expectations: choices));

        confident.Verdict.ShouldBe(GateDecision.Accept);
        doubtful.Verdict.ShouldBe(GateDecision.Reject);
        otherModel.Verdict.ShouldBe(GateDecision.Accept);
        noLogprob.Verdict.ShouldBe(GateDecision.Reject);
        noLogprob.Reasons[0].Detail.ShouldBe("every check abstained; rule: reject");
    }

    [Theory]
    [InlineData("{ not json", "body")]
    [InlineData("""{"messages":[],"candidate":{"text":"x"}}""", "messages")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}]}""", "candidate")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"candidate":{}}""", "candidate.text")]
    [InlineData("""{"messages":[{"role":"wizard","content":"q"}],"candidate":{"text":"x"}}""", "messages[0].role")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"candidate":{"text":"x","logprob_confidence":0.5}}""", "candidate.logprob_confidence")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"candidate":{"text":"x"},"expectations":{"json_schema":"string"}}""", "expectations.json_schema")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"candidate":{"text":"x"},"expectations":{"format_pattern":"(["}}""", "expectations.format_pattern")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"candidate":{"text":"x"},"expectations":{"choices":["A","a"]}}""", "expectations.choices")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"candidate":{"text":"x"},"policy":{"checks":["vibes"]}}""", "policy.checks")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"candidate":{"text":"x"},"policy":{"checks":["verifier"]}}""", "policy.checks")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"candidate":{"text":"x"},"policy":{"abstention":"maybe"}}""", "policy.abstention")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"candidate":{"text":"x"},"policy":{"accept_at_overall":7}}""", "policy.accept_at_overall")]
    [InlineData("null", "body")]
    public async Task Verify_BadInputIsA400ProblemNamingTheField(string body, string field)
    {
        using var factory = new VerifierFactory();
        using HttpClient client = factory.CreateClient();

        HttpResponseMessage response = await client.PostAsync("/v1/verify", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("title").GetString().ShouldBe("Invalid verification request");
        problem.RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.RootElement.GetRawText());
        factory.Judge.CallCount.ShouldBe(0);
    }

    [Fact]
    public async Task Verify_NonJsonBodyIsA415Problem()
    {
        using var factory = new VerifierFactory();
        using HttpClient client = factory.CreateClient();

        HttpResponseMessage response = await client.PostAsync("/v1/verify", new StringContent("text", Encoding.UTF8, "text/plain"));

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Verify_RunsTheConfiguredChecksWithTheirSettings()
    {
        using var factory = new VerifierFactory(settings: new()
        {
            ["Verifier:Checks:0:Kind"] = "hedging",
            ["Verifier:Checks:0:Settings:Phrases"] = "perhaps|maybe",
            ["Verifier:Checks:0:Settings:Threshold"] = "1",
            ["Verifier:Checks:1:Kind"] = "judge",
            ["Verifier:Checks:1:Settings:AcceptAtOverall"] = "5",
            ["Verifier:Abstention"] = "reject",
        });
        using HttpClient client = factory.CreateClient();

        VerificationResult hedged = await client.VerifyAsync(VerifyRequests.Answer("Perhaps Paris."));
        VerificationResult judged = await client.VerifyAsync(VerifyRequests.Answer("Paris."));
        VerificationResult abstained = await client.VerifyAsync(VerifyRequests.Answer("Paris.", checks: ["cut-off"]));

        hedged.Verdict.ShouldBe(GateDecision.Reject);
        hedged.Checks.ShouldHaveSingleItem().Check.ShouldBe("hedging");
        judged.Checks.Select(c => c.Check).ShouldBe(["hedging", "judge"]);
        judged.Verdict.ShouldBe(GateDecision.Reject);
        abstained.Verdict.ShouldBe(GateDecision.Reject);
    }

    [Fact]
    public void Startup_MisspeltCheckSettingNamesIt()
    {
        using var factory = new VerifierFactory(settings: new() { ["Verifier:Checks:0:Kind"] = "hedging", ["Verifier:Checks:0:Settings:Treshold"] = "1" });

        Should.Throw<Exception>(() => factory.CreateClient()).ToString().ShouldContain("Gate 'hedging' has no setting 'Treshold'");
    }

    [Fact]
    public async Task Health_Responds()
    {
        using var factory = new VerifierFactory();
        using HttpClient client = factory.CreateClient();

        (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/alive")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Verifier:Judge:Provider", "gemini", "Verifier:Judge:Provider 'gemini' is not one of auto, openai, anthropic, none.")]
    [InlineData("Verifier:CalibrationFile", "/nonexistent/calibration.json", "Verifier:CalibrationFile '/nonexistent/calibration.json' does not exist")]
    [InlineData("Verifier:Checks:0:Kind", "vibes", "Unknown gate kind 'vibes'")]
    [InlineData("Verifier:Checks:0:Kind", "verifier", "the verifier cannot call itself")]
    public void Startup_InvalidConfigurationStopsTheServiceWithAClearMessage(string key, string value, string message)
    {
        using var factory = new VerifierFactory(settings: new() { [key] = value });

        Exception ex = Should.Throw<Exception>(() => factory.CreateClient());

        ex.ToString().ShouldContain(message);
    }

    [Fact]
    public async Task Startup_WithoutAJudgeTheModelChecksAreUnavailable()
    {
        using var factory = new NoJudgeFactory();
        using HttpClient client = factory.CreateClient();

        VerificationResult result = await client.VerifyAsync(VerifyRequests.Answer("Paris."));
        HttpResponseMessage judge = await client.PostAsJsonAsync("/v1/verify", VerifyRequests.Answer("Paris.", checks: ["judge"]), VerifierJsonContext.Default.VerificationRequest);

        result.Verdict.ShouldBe(GateDecision.Abstain);
        result.Checks.Select(c => c.Check).ShouldNotContain("judge");
        judge.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed class NoJudgeFactory : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
            builder.UseSetting("Verifier:Judge:Provider", "none");
    }
}
