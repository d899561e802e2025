namespace Cascade;

/// <summary>What the <see cref="FailureClassifier"/> could tell about one failed provider call.</summary>
/// <param name="Cause">The cause; it selects the decision in the <see cref="FailurePolicy"/> table.</param>
/// <param name="Accepted">
/// Whether the provider accepted the call (a success status arrived, the stream started, usage was reported)
/// before it failed. An accepted call is billed: a retry after it pays twice.
/// </param>
/// <param name="StatusCode">The HTTP status the provider answered with, when one arrived.</param>
/// <param name="RetryAfter">How long the provider asked the caller to wait (<c>retry-after-ms</c> or <c>retry-after</c>), when it said so.</param>
/// <param name="Message">A one-line description for the attempt log.</param>
public sealed record FailureClassification(
    FailureCause Cause,
    bool Accepted,
    int? StatusCode,
    TimeSpan? RetryAfter,
    string Message);
