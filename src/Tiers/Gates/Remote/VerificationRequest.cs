using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cascade;

/// <summary>The body of <c>POST /v1/verify</c>: the request's messages, the candidate answer and what is expected of it.</summary>
public sealed record VerificationRequest
{
    /// <summary>Gets the caller's request id; the verification's cost is attributed to it.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the workload tag, which selects calibrated thresholds.</summary>
    public string? Workload { get; init; }

    /// <summary>Gets the messages the candidate answers.</summary>
    public IReadOnlyList<VerificationMessage> Messages { get; init; } = [];

    /// <summary>Gets the candidate answer.</summary>
    public VerificationCandidate? Candidate { get; init; }

    /// <summary>Gets what the answer is expected to satisfy, if the caller says so.</summary>
    public VerificationExpectations? Expectations { get; init; }

    /// <summary>Gets how to verify, when the caller overrides the service's defaults.</summary>
    public VerificationPolicy? Policy { get; init; }
}

/// <summary>One message of the verified conversation.</summary>
/// <param name="Role">The role: <c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</param>
/// <param name="Content">The message's text.</param>
public sealed record VerificationMessage(string Role, string Content);

/// <summary>The answer to verify.</summary>
public sealed record VerificationCandidate
{
    /// <summary>Gets the answer's text.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the provider's finish reason (<c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>).</summary>
    public string? FinishReason { get; init; }

    /// <summary>Gets the log-probability the model gave the answer, when the provider returned logprobs.</summary>
    public double? LogprobConfidence { get; init; }

    /// <summary>Gets the tier that answered.</summary>
    public string? Tier { get; init; }

    /// <summary>Gets the model that answered.</summary>
    public string? Model { get; init; }
}

/// <summary>What the answer is expected to satisfy.</summary>
public sealed record VerificationExpectations
{
    /// <summary>Gets a JSON schema (an object) the answer must validate against.</summary>
    public JsonElement? JsonSchema { get; init; }

    /// <summary>Gets a regular expression the whole answer must match.</summary>
    public string? FormatPattern { get; init; }

    /// <summary>Gets the answer choices of a multiple-choice question.</summary>
    public IReadOnlyList<string>? Choices { get; init; }
}

/// <summary>How to verify one answer, overriding the service's configured defaults.</summary>
public sealed record VerificationPolicy
{
    /// <summary>Gets the checks (gate kinds) to run, cheapest first; <see langword="null"/> runs the service's configured checks.</summary>
    public IReadOnlyList<string>? Checks { get; init; }

    /// <summary>Gets what to say when every check abstains; <see langword="null"/> uses the service's rule.</summary>
    public AbstentionRule? Abstention { get; init; }

    /// <summary>Gets the judge's overall score at which the answer is accepted; <see langword="null"/> uses the service's.</summary>
    public double? AcceptAtOverall { get; init; }
}

/// <summary>The verifier's answer.</summary>
public sealed record VerificationResult
{
    /// <summary>Gets the request id the verification is attributed to.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the verdict: accept, reject or abstain.</summary>
    public GateDecision Verdict { get; init; }

    /// <summary>Gets a score from 0 to 1 (the deciding check's, or 1 for accept and 0 for reject when it gave none).</summary>
    public double Score { get; init; }

    /// <summary>Gets the reasons that decided: the deciding check, and any other check that found fault.</summary>
    public IReadOnlyList<VerificationReason> Reasons { get; init; } = [];

    /// <summary>Gets every check that ran, in order, with its own decision.</summary>
    public IReadOnlyList<VerificationCheck> Checks { get; init; } = [];

    /// <summary>Gets what the verification itself cost (judge and consistency calls).</summary>
    public VerificationCost Cost { get; init; } = new();

    /// <summary>Gets whether the result came from the verifier's cache (nothing was paid for it again).</summary>
    public bool Cached { get; init; }
}

/// <summary>One reason for a verdict.</summary>
/// <param name="Check">The check (gate kind).</param>
/// <param name="Detail">What it found.</param>
public sealed record VerificationReason(string Check, string Detail);

/// <summary>One check that ran.</summary>
/// <param name="Check">The check (gate kind).</param>
/// <param name="Decision">Its decision.</param>
/// <param name="Score">Its score, when it computed one.</param>
/// <param name="Detail">What it found.</param>
public sealed record VerificationCheck(string Check, GateDecision Decision, double? Score, string? Detail);

/// <summary>The verification's own cost.</summary>
public sealed record VerificationCost
{
    /// <summary>Gets the USD cost.</summary>
    public decimal Usd { get; init; }

    /// <summary>Gets the input tokens the verifier's model calls used.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the output tokens the verifier's model calls used.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets the number of model calls the verifier made.</summary>
    public int ModelCalls { get; init; }

    /// <summary>Gets the judge's model, when a model was called.</summary>
    public string? Model { get; init; }
}

/// <summary>Source-generated JSON metadata of the verifier's wire types (snake_case, lower-case enum values).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(VerificationRequest))]
[JsonSerializable(typeof(VerificationResult))]
public sealed partial class VerifierJsonContext : JsonSerializerContext;
