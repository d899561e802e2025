namespace Cascade.Router;

/// <summary>The answer to <see cref="IIdempotencyStore.BeginAsync"/>.</summary>
/// <param name="Status">What the request should do.</param>
/// <param name="Response">The stored answer, when <see cref="IdempotencyStatus.Completed"/>.</param>
public sealed record IdempotencyBegin(IdempotencyStatus Status, StoredResponse? Response = null);
