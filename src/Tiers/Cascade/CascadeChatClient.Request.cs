using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Cascade;

public sealed partial class CascadeChatClient
{
    /// <summary>What one request carries between its steps.</summary>
    private sealed class RequestState
    {
        public required RequestLedger Ledger { get; init; }

        public required IReadOnlyList<ChatMessage> Messages { get; init; }

        public ChatOptions? Options { get; init; }

        public IReadOnlyList<ChatMessage>? Trimmed { get; set; }

        public RouteDecision Decision { get; set; } = null!;

        public int StartIndex { get; set; }

        public bool Pinned { get; set; }

        public bool Probe { get; set; }

        /// <summary>The FAQ entry matched for the start tier, when it is a regex FAQ tier.</summary>
        public FaqEntry? Faq { get; set; }

        public Activity? Activity { get; set; }

        /// <summary>The last answer a gate rejected: what a budget stop returns.</summary>
        public StepResult? Best { get; set; }

        public string? StopReason { get; set; }

        public BudgetCeiling? StopCeiling { get; set; }

        public bool Recorded { get; set; }

        /// <summary>The route as recorded, once the request has ended.</summary>
        public CascadeRoute? Route { get; set; }

        /// <summary>The write of the attempt log and workload outcome.</summary>
        public Task Persisted { get; set; } = Task.CompletedTask;

        public bool DeadlinePassed => Ledger.Deadline is { } deadline && Ledger.TimeProvider.GetUtcNow() >= deadline;

        /// <summary>Links the caller's token with one that fires at the request's deadline, on <paramref name="timeProvider"/>.</summary>
        public DeadlineScope LinkDeadline(TimeProvider timeProvider, CancellationToken callerToken)
        {
            if (Ledger.Deadline is not { } deadline)
            {
                return new DeadlineScope(null, CancellationTokenSource.CreateLinkedTokenSource(callerToken));
            }

            TimeSpan left = deadline - timeProvider.GetUtcNow();
            var timer = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1), timeProvider);
            return new DeadlineScope(timer, CancellationTokenSource.CreateLinkedTokenSource(callerToken, timer.Token));
        }
    }

    /// <summary>The caller's token linked with the deadline's timer.</summary>
    private sealed class DeadlineScope(CancellationTokenSource? timer, CancellationTokenSource linked) : IDisposable
    {
        public CancellationToken Token => linked.Token;

        public void Dispose()
        {
            linked.Dispose();
            timer?.Dispose();
        }
    }

    private enum StepKind
    {
        Kept,
        Rejected,
        Failed,
    }

    /// <summary>How one tier's step ended.</summary>
    private readonly record struct StepResult(StepKind Kind, CascadeRung Rung, ChatResponse? Response, AttemptRecord? Attempt, string? SwitchCause, TierFailedException? Failure)
    {
        public static StepResult Kept(CascadeRung rung, ChatResponse response, AttemptRecord? attempt) => new(StepKind.Kept, rung, response, attempt, null, null);

        public static StepResult Rejected(CascadeRung rung, ChatResponse response, AttemptRecord attempt, string cause) => new(StepKind.Rejected, rung, response, attempt, cause, null);

        public static StepResult Failed(CascadeRung rung, TierFailedException failure) => new(StepKind.Failed, rung, null, null, null, failure);
    }

    /// <summary>A step, or the ceiling that stopped the request before it finished.</summary>
    private readonly record struct StepOrStop(StepResult? Step, Exception? Stop);
}
