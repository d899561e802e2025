using System.Net.Http.Json;

namespace Cascade.Verifier.Tests.Verification;

/// <summary>Builds verify requests for the API tests.</summary>
internal static class VerifyRequests
{
    public static VerificationRequest Answer(string text, string? requestId = "req-1", string? finishReason = "stop", double? logprob = null, string? workload = null, IReadOnlyList<string>? checks = null, AbstentionRule? abstention = null, VerificationExpectations? expectations = null, string model = "small-model") => new()
    {
        RequestId = requestId,
        Workload = workload,
        Messages = [new VerificationMessage("user", "What is the capital of France?")],
        Candidate = new VerificationCandidate { Text = text, FinishReason = finishReason, LogprobConfidence = logprob, Tier = "small", Model = model },
        Expectations = expectations,
        Policy = checks is null && abstention is null ? null : new VerificationPolicy { Checks = checks, Abstention = abstention },
    };

    public static async Task<VerificationResult> VerifyAsync(this HttpClient client, VerificationRequest request)
    {
        HttpResponseMessage response = await client.PostAsJsonAsync("/v1/verify", request, VerifierJsonContext.Default.VerificationRequest);
        string body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return System.Text.Json.JsonSerializer.Deserialize(body, VerifierJsonContext.Default.VerificationResult)!;
    }
}
