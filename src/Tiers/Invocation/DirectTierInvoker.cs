using System.Runtime.ExceptionServices;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// The simplest <see cref="ITierInvoker"/>: one call to the tier's primary deployment, no retry, no fallback, checked
/// against the request's ceilings first. Useful for replays and tests; production tiers use the resilient invoker.
/// </summary>
public sealed class DirectTierInvoker : ITierInvoker
{
    /// <inheritdoc/>
    public async Task<TierResponse> GetResponseAsync(TierRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Deployment deployment = request.Tier.Primary;
        CheckBudget(request, deployment);
        TimeProvider clock = request.Ledger.TimeProvider;
        int sequence = request.Ledger.NextSequence();
        DateTimeOffset started = clock.GetUtcNow();
        long startTicks = clock.GetTimestamp();
        OpenSpan(request, deployment, sequence);
        try
        {
            ChatResponse response = await deployment.Client.GetResponseAsync(request.Messages, request.Options, cancellationToken);
            TimeSpan elapsed = clock.GetElapsedTime(startTicks);
            TokenUsage usage = TokenUsage.FromUsageDetails(response.Usage);
            AttemptRecord attempt = NewAttempt(request, deployment, sequence, started) with
            {
                Outcome = AttemptOutcome.Kept,
                Usage = usage,
                Billed = true,
                Cost = deployment.Price.CostOf(usage),
                TimeToFirstToken = elapsed,
                Duration = elapsed,
            };
            request.Ledger.Add(attempt);
            return new TierResponse(response, attempt);
        }
        catch (Exception ex) when (ex is not TierFailedException)
        {
            bool cancelled = cancellationToken.IsCancellationRequested;
            request.Ledger.Add(NewAttempt(request, deployment, sequence, started) with
            {
                Outcome = cancelled ? AttemptOutcome.Cancelled : AttemptOutcome.Failed,
                Failure = cancelled ? FailureCause.CancelledByCaller : FailureCause.Unknown,
                Error = ex.Message,
                Duration = clock.GetElapsedTime(startTicks),
            });
            if (cancelled)
            {
                throw;
            }

            throw new TierFailedException(request.Tier.Name, FailureCause.Unknown, TierFailureAction.TryNextTier, $"Tier '{request.Tier.Name}' failed: {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        TierRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Deployment deployment = request.Tier.Primary;
        CheckBudget(request, deployment);
        TimeProvider clock = request.Ledger.TimeProvider;
        int sequence = request.Ledger.NextSequence();
        DateTimeOffset started = clock.GetUtcNow();
        long startTicks = clock.GetTimestamp();
        OpenSpan(request, deployment, sequence);
        TimeSpan? firstToken = null;
        TokenUsage usage = TokenUsage.None;
        var received = new List<AIContent>();
        bool completed = false;
        try
        {
            await using IAsyncEnumerator<ChatResponseUpdate> updates = deployment.Client.GetStreamingResponseAsync(request.Messages, request.Options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                ExceptionDispatchInfo? error = null;
                bool more = false;
                try
                {
                    more = await updates.MoveNextAsync();
                }
                catch (Exception ex) when (firstToken is null && !cancellationToken.IsCancellationRequested && ex is not TierFailedException)
                {
                    // Nothing was received: the tier is unavailable, and the cascade may go elsewhere.
                    error = ExceptionDispatchInfo.Capture(new TierFailedException(request.Tier.Name, FailureCause.Unknown, TierFailureAction.TryNextTier, $"Tier '{request.Tier.Name}' failed: {ex.Message}", ex));
                }

                error?.Throw();
                if (!more)
                {
                    break;
                }

                ChatResponseUpdate update = updates.Current;
                firstToken ??= clock.GetElapsedTime(startTicks);
                foreach (AIContent content in update.Contents)
                {
                    if (content is UsageContent usageContent)
                    {
                        usage += TokenUsage.FromUsageDetails(usageContent.Details);
                    }
                    else
                    {
                        received.Add(content);
                    }
                }

                yield return update;
            }

            completed = true;
        }
        finally
        {
            // Also when the consumer stopped early or the stream failed: once output arrived the provider bills it.
            bool billed = completed || firstToken is not null;
            if (!completed && billed && usage == TokenUsage.None)
            {
                usage = new TokenUsage(TokenCounter.Default.CountInput(request.Messages, request.Options), TokenCounter.Default.CountContents(received)) { IsEstimated = true };
            }

            request.Ledger.Add(NewAttempt(request, deployment, sequence, started) with
            {
                Outcome = completed ? AttemptOutcome.Kept : cancellationToken.IsCancellationRequested ? AttemptOutcome.Cancelled : AttemptOutcome.Failed,
                Failure = completed ? null : cancellationToken.IsCancellationRequested ? FailureCause.ClientDisconnected : null,
                Usage = billed ? usage : TokenUsage.None,
                Billed = billed,
                Cost = billed ? deployment.Price.CostOf(usage) : 0,
                TimeToFirstToken = firstToken,
                Duration = clock.GetElapsedTime(startTicks),
            });
        }
    }

    private static void CheckBudget(TierRequest request, Deployment deployment)
    {
        if (RequestBudget.Default.Check(request.Ledger, request.Tier.Name, deployment, request.Kind, request.Messages, request.Options) is { } stop)
        {
            throw stop.ToException();
        }
    }

    private static AttemptRecord NewAttempt(TierRequest request, Deployment deployment, int sequence, DateTimeOffset started) => new()
    {
        RequestId = request.Ledger.RequestId,
        Sequence = sequence,
        Tier = request.Tier.Name,
        Deployment = deployment.Name,
        Provider = deployment.Provider,
        Model = deployment.Model,
        Kind = request.Kind,
        SwitchCause = request.SwitchCause,
        Outcome = AttemptOutcome.Kept,
        Billed = false,
        StartedAt = started,
    };

    /// <summary>Starts the attempt's span, current for the provider call that follows; the ledger ends it with the attempt's record.</summary>
    private static void OpenSpan(TierRequest request, Deployment deployment, int sequence)
    {
        if (CascadeTelemetry.StartAttemptSpan(request, deployment, sequence, request.Kind) is { } span)
        {
            request.Ledger.OpenSpan(sequence, span, held: request.AnswerJudged);
        }
    }
}
