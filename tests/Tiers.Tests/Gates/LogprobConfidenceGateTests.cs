using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using Cascade.Testing;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using ChatFinishReason = Microsoft.Extensions.AI.ChatFinishReason;

namespace Cascade.Tests.Gates;

public class LogprobConfidenceGateTests
{
    private static Microsoft.Extensions.AI.ChatResponse WithLogprob(string text, double logprob, string model = "small-model")
    {
        Microsoft.Extensions.AI.ChatResponse response = ChatResponses.Text(text, modelId: model);
        response.AdditionalProperties = new() { [LogprobConfidence.PropertyKey] = logprob };
        return response;
    }

    [Fact]
    public async Task EvaluateAsync_AcceptsAtOrAboveTheThresholdAndRejectsBelow()
    {
        var gate = new LogprobConfidenceGate(new LogprobConfidenceGateOptions { Threshold = -0.5 });

        GateVerdict confident = await gate.EvaluateAsync(GateContexts.For(WithLogprob("B", -0.1)));
        GateVerdict borderline = await gate.EvaluateAsync(GateContexts.For(WithLogprob("B", -0.5)));
        GateVerdict doubtful = await gate.EvaluateAsync(GateContexts.For(WithLogprob("B", -1.2)));

        confident.Decision.ShouldBe(GateDecision.Accept);
        confident.Score!.Value.ShouldBe(Math.Exp(-0.1), 1e-9);
        borderline.Decision.ShouldBe(GateDecision.Accept);
        doubtful.Decision.ShouldBe(GateDecision.Reject);
        doubtful.Reason!.ShouldContain("-1.2");
    }

    [Fact]
    public async Task EvaluateAsync_AbstainsWithoutLogprobs()
    {
        GateVerdict verdict = await new LogprobConfidenceGate().EvaluateAsync(GateContexts.For("B"));

        verdict.Decision.ShouldBe(GateDecision.Abstain);
        verdict.Reason.ShouldBe("no logprobs");
    }

    [Fact]
    public async Task EvaluateAsync_ThresholdComesFromTheWorkloadThenTheCalibrationThenTheDefault()
    {
        var calibration = new GateCalibration
        {
            Workloads =
            {
                ["mmlu"] = new WorkloadCalibration { LogprobThreshold = -2, Models = { ["small-model"] = new ModelCalibration { LogprobThreshold = -0.05 } } },
            },
        };
        var options = new LogprobConfidenceGateOptions { Threshold = -1, Calibration = calibration };
        options.WorkloadThresholds["trivia"] = -3;
        var gate = new LogprobConfidenceGate(options);

        (await gate.EvaluateAsync(GateContexts.For(WithLogprob("B", -0.5), workload: "mmlu"))).Decision.ShouldBe(GateDecision.Reject);
        (await gate.EvaluateAsync(GateContexts.For(WithLogprob("B", -0.5, model: "other-model"), workload: "MMLU"))).Decision.ShouldBe(GateDecision.Accept);
        (await gate.EvaluateAsync(GateContexts.For(WithLogprob("B", -2.5), workload: "trivia"))).Decision.ShouldBe(GateDecision.Accept);
        (await gate.EvaluateAsync(GateContexts.For(WithLogprob("B", -1.5), workload: "gsm8k"))).Decision.ShouldBe(GateDecision.Reject);
    }

    [Fact]
    public async Task EvaluateAsync_ReadsOpenAiTokenLogprobsThroughTheMeaiClient()
    {
        // A real OpenAI chat client over an in-memory transport: checks how Microsoft.Extensions.AI.OpenAI surfaces logprobs.
        const string body = """
            {"id":"c1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",
             "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Paris"},
               "logprobs":{"content":[{"token":"Par","logprob":-0.25,"bytes":null,"top_logprobs":[]},{"token":"is","logprob":-0.05,"bytes":null,"top_logprobs":[]}]}}],
             "usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12}}
            """;
        using var http = new HttpClient(new StaticHandler(body));
        IChatClient client = new OpenAIClient(new ApiKeyCredential("test"), new OpenAIClientOptions
        {
            Endpoint = new Uri("http://127.0.0.1:1/v1"),
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        }).GetChatClient("gpt-4o-mini").AsIChatClient();

        Microsoft.Extensions.AI.ChatResponse response = await client.GetResponseAsync("Capital of France?", new ChatOptions
        {
            RawRepresentationFactory = _ => new ChatCompletionOptions { IncludeLogProbabilities = true },
        });

        LogprobConfidence.TryGet(response, LogprobAggregation.Sum, out double sum).ShouldBeTrue();
        sum.ShouldBe(-0.30, 1e-6);
        LogprobConfidence.TryGet(response, LogprobAggregation.Mean, out double mean).ShouldBeTrue();
        mean.ShouldBe(-0.15, 1e-6);
        LogprobConfidence.TryGet(response, LogprobAggregation.Min, out double min).ShouldBeTrue();
        min.ShouldBe(-0.25, 1e-6);
        (await new LogprobConfidenceGate().EvaluateAsync(GateContexts.For(response))).Decision.ShouldBe(GateDecision.Reject);
        (await new LogprobConfidenceGate(new LogprobConfidenceGateOptions { Threshold = -0.5 }).EvaluateAsync(GateContexts.For(response))).Decision.ShouldBe(GateDecision.Accept);
    }

    [Fact]
    public void FromUpdates_SumsStreamedTokenLogprobs()
    {
#pragma warning disable OPENAI001 // The model factory's streaming overload is marked for evaluation.
        ChatResponseUpdate[] updates =
        [
            new() { RawRepresentation = OpenAIChatModelFactory.StreamingChatCompletionUpdate(contentTokenLogProbabilities: [OpenAIChatModelFactory.ChatTokenLogProbabilityDetails("A", -0.5f, null, [])]) },
            new() { RawRepresentation = OpenAIChatModelFactory.StreamingChatCompletionUpdate(contentTokenLogProbabilities: [OpenAIChatModelFactory.ChatTokenLogProbabilityDetails(".", -0.25f, null, [])]) },
            new(ChatRole.Assistant, "no raw chunk"),
        ];
#pragma warning restore OPENAI001

        LogprobConfidence.FromUpdates(updates).ShouldBe(-0.75);
        LogprobConfidence.FromUpdates([new ChatResponseUpdate(ChatRole.Assistant, "x")]).ShouldBeNull();
    }

    [Theory]
    [InlineData("-0.4")]
    [InlineData(-0.4f)]
    public void TryGet_AcceptsTheConventionAsStringOrFloat(object value)
    {
        Microsoft.Extensions.AI.ChatResponse response = ChatResponses.Text("B", finishReason: ChatFinishReason.Stop);
        response.AdditionalProperties = new() { [LogprobConfidence.PropertyKey] = value };

        LogprobConfidence.TryGet(response, LogprobAggregation.Sum, out double logprob).ShouldBeTrue();
        logprob.ShouldBe(-0.4, 1e-6);
    }

    [Fact]
    public void Options_RejectAPositiveThreshold()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new LogprobConfidenceGateOptions { Threshold = 0.1 }).ParamName.ShouldBe("Threshold");
    }

    [Fact]
    public void ShapeRequest_AsksOpenAIClientsForLogprobs_KeepsTheCallersOptions_AndLeavesOtherProvidersAlone()
    {
        var gate = new LogprobConfidenceGate();
        IChatClient openAI = new ChatClient("gpt-4o-mini", new ApiKeyCredential("k")).AsIChatClient();
        using var other = new TestChatClient();
        var callers = new ChatCompletionOptions { Temperature = 0.1f };
        var original = new ChatOptions { RawRepresentationFactory = _ => callers };

        ChatOptions shaped = gate.ShapeRequest(original)!;

        var asked = shaped.RawRepresentationFactory!(openAI).ShouldBeOfType<ChatCompletionOptions>();
        asked.ShouldBeSameAs(callers);
        asked.IncludeLogProbabilities.ShouldBe(true);
        asked.Temperature.ShouldBe(0.1f);
        gate.ShapeRequest(null)!.RawRepresentationFactory!(other).ShouldBeNull("a provider without logprobs is sent nothing new");
        original.RawRepresentationFactory.ShouldNotBeSameAs(shaped.RawRepresentationFactory, "the caller's options are not mutated");
        new LogprobConfidenceGate(new LogprobConfidenceGateOptions { RequestLogprobs = false }).ShapeRequest(original).ShouldBeSameAs(original);
    }

    private sealed class StaticHandler(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
