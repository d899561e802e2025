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
        public TierOutcome? Best { get; set; }

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

    private enum TierOutcomeKind
    {
        /// <summary>The tier's answer is kept.</summary>
        Answered,

        /// <summary>The tier's gates rejected its answer.</summary>
        Rejected,

        /// <summary>The tier produced no answer.</summary>
        Failed,

        /// <summary>A ceiling of the request (cost, tokens, calls, deadline) stopped it before the tier answered.</summary>
        Stopped,
    }

    /// <summary>How one call of a tier ended: the ladder loop decides the next step from it, with no exception for any of these endings.</summary>
    private sealed class TierOutcome
    {
        private TierOutcome(TierOutcomeKind kind, CascadeRung rung) => (Kind, Rung) = (kind, rung);

        public TierOutcomeKind Kind { get; }

        public CascadeRung Rung { get; }

        /// <summary>The answer, when the tier answered (kept or rejected).</summary>
        public ChatResponse? Response { get; private init; }

        /// <summary>The attempt that produced the answer.</summary>
        public AttemptRecord? Attempt { get; private init; }

        /// <summary>The deciding gate's verdict of a rejected answer.</summary>
        public GateVerdict? Verdict { get; private init; }

        /// <summary>Why the request leaves the tier, as the next attempt records it.</summary>
        public string? SwitchCause { get; private init; }

        /// <summary>The tier's failure: its cause and what the failure table says to do next.</summary>
        public TierFailedException? Failure { get; private init; }

        /// <summary>Whether the failed tier's attempts were billed.</summary>
        public bool Billed { get; private init; }

        /// <summary>The ceiling that stopped the request.</summary>
        public BudgetExceededException? Stop { get; private init; }

        public static TierOutcome Answered(CascadeRung rung, ChatResponse response, AttemptRecord? attempt) =>
            new(TierOutcomeKind.Answered, rung) { Response = response, Attempt = attempt };

        public static TierOutcome Rejected(CascadeRung rung, ChatResponse response, AttemptRecord attempt, GateVerdict verdict, string switchCause) =>
            new(TierOutcomeKind.Rejected, rung) { Response = response, Attempt = attempt, Verdict = verdict, SwitchCause = switchCause };

        public static TierOutcome Failed(CascadeRung rung, TierFailedException failure, bool billed) =>
            new(TierOutcomeKind.Failed, rung) { Failure = failure, Billed = billed, SwitchCause = failure.Cause.ToName() };

        public static TierOutcome Stopped(CascadeRung rung, BudgetExceededException stop) =>
            new(TierOutcomeKind.Stopped, rung) { Stop = stop };
    }

    /// <summary>What the ladder loop does after an outcome: keep an answer, move to another rung, or end the request with an error.</summary>
    private readonly record struct LadderStep(TierOutcome? Keep, int Index, AttemptKind Kind, string? Cause, Exception? End)
    {
        public static LadderStep Kept(TierOutcome answer) => new(answer, -1, default, null, null);

        public static LadderStep MoveTo(int index, AttemptKind kind, string? cause) => new(null, index, kind, cause, null);

        public static LadderStep Ended(Exception error) => new(null, -1, default, null, error);
    }
}
