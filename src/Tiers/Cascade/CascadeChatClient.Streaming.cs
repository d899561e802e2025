using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace Cascade;

public sealed partial class CascadeChatClient
{
    /// <summary>The first sentence of a streamed answer is held back this long at most before it is judged.</summary>
    internal const int MaxPrefixCharacters = 240;

    /// <summary>Streams one tier to the caller, judging the first sentence first when the tier rejects early.</summary>
    private sealed class TierStreamer(
        CascadeChatClient owner, RequestState state, CascadeRung rung, int index, AttemptKind kind, string? cause, bool earlyReject)
    {
        private int _attemptsBefore;

        /// <summary>How the tier ended when nothing of its answer reached the caller; <see langword="null"/> once its answer was delivered whole.</summary>
        public TierOutcome? Outcome { get; private set; }

        public async IAsyncEnumerable<ChatResponseUpdate> RunAsync(CancellationToken token, [EnumeratorCancellation] CancellationToken callerToken)
        {
            _attemptsBefore = state.Ledger.Attempts.Count;
            Activity.Current = state.Activity ?? Activity.Current;
            IReadOnlyList<ChatMessage> messages = owner.MessagesFor(state, index);
            // Prefix gates judge an unfinished answer: all abstaining keeps streaming, whatever the workload's rule.
            var prefixGates = new GatePipeline(rung.PrefixGates);
            ChatOptions? options = earlyReject ? prefixGates.ShapeRequest(state.Options) : state.Options;
            var request = new TierRequest(rung.Tier, messages, options, state.Ledger, kind, cause);
            IAsyncEnumerator<ChatResponseUpdate> updates = owner.Invoker.GetStreamingResponseAsync(request, token).GetAsyncEnumerator(token);
            var received = new List<ChatResponseUpdate>();
            var held = new List<ChatResponseUpdate>();
            bool judged = !earlyReject;
            bool disposed = false;
            IReadOnlyList<GateVerdict>? prefixVerdicts = null;
            try
            {
                while (true)
                {
                    (bool has, Exception? error) = await MoveNextAsync(updates);
                    if (error is not null)
                    {
                        if (received.Count == 0 || !judged)
                        {
                            // Nothing reached the caller yet: the cascade may still go elsewhere.
                            HandleUncommittedFailure(error, callerToken);
                            yield break;
                        }

                        if (!callerToken.IsCancellationRequested && error is TierFailedException { OutputStarted: true } interrupted)
                        {
                            // Output was committed: end with the error (never as a normal finish), and start no second paid answer.
                            state.StopReason = $"the stream failed after output reached the caller ({interrupted.Cause}): {error.Message}";
                            LogStreamInterrupted(owner.Logger, state.Ledger.RequestId, rung.Name, interrupted.Cause, CommittedText(received));
                        }

                        owner.Fail(state, error);
                        await state.Persisted;
                        ExceptionDispatchInfo.Throw(error);
                    }

                    if (!has)
                    {
                        break;
                    }

                    ChatResponseUpdate update = updates.Current;
                    received.Add(update);
                    if (!judged)
                    {
                        held.Add(update);
                        if (!PrefixComplete(held))
                        {
                            continue;
                        }

                        judged = true;
                        (bool accepted, GateVerdict deciding, IReadOnlyList<GateVerdict> verdicts) = await JudgePrefixAsync(prefixGates, held, messages, options, token);
                        prefixVerdicts = verdicts;
                        if (!accepted)
                        {
                            disposed = true;
                            await updates.DisposeAsync();
                            Reject(deciding, verdicts, held);
                            yield break;
                        }

                        foreach (ChatResponseUpdate heldUpdate in WithoutUsage(held))
                        {
                            yield return heldUpdate;
                        }

                        continue;
                    }

                    foreach (ChatResponseUpdate forwarded in WithoutUsage([update]))
                    {
                        yield return forwarded;
                    }
                }

                if (!judged)
                {
                    // The whole answer was shorter than a first sentence: judge it now.
                    (bool accepted, GateVerdict deciding, IReadOnlyList<GateVerdict> verdicts) = await JudgePrefixAsync(prefixGates, held, messages, options, token);
                    prefixVerdicts = verdicts;
                    if (!accepted)
                    {
                        Reject(deciding, verdicts, held);
                        yield break;
                    }

                    foreach (ChatResponseUpdate heldUpdate in WithoutUsage(held))
                    {
                        yield return heldUpdate;
                    }
                }

                ChatFinishReason? finish = received.LastOrDefault(u => u.FinishReason is not null)?.FinishReason;
                ChatResponseUpdate last = owner.FinishStream(state, rung, received, finish, prefixVerdicts);
                await state.Persisted;
                yield return last;
            }
            finally
            {
                if (!disposed)
                {
                    await updates.DisposeAsync();
                }
            }
        }

        private static int CommittedText(List<ChatResponseUpdate> received) => received.Sum(u => u.Text.Length);

        private void HandleUncommittedFailure(Exception error, CancellationToken callerToken)
        {
            if (error is TierFailedException failure)
            {
                Outcome = TierOutcome.Failed(rung, failure, state.Ledger.Attempts.Skip(_attemptsBefore).Any(a => a.Billed));
                return;
            }

            if (StopOf(state, error, callerToken) is { } stop)
            {
                Outcome = TierOutcome.Stopped(rung, stop);
                return;
            }

            owner.Fail(state, error);
            ExceptionDispatchInfo.Throw(error);
        }

        private async Task<(bool Accepted, GateVerdict Deciding, IReadOnlyList<GateVerdict> Verdicts)> JudgePrefixAsync(
            GatePipeline prefixGates, List<ChatResponseUpdate> held, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken token)
        {
            ChatResponse prefix = held.ToChatResponse();
            prefix.FinishReason = null;
            GateContext context = owner.NewGateContext(state, rung, messages, options, prefix, rung.Tier.Primary.Model);
            GatePipelineResult result = await prefixGates.EvaluateAsync(context, token);
            return (result.IsAccepted, result.Verdict, result.Verdicts);
        }

        private void Reject(GateVerdict deciding, IReadOnlyList<GateVerdict> verdicts, List<ChatResponseUpdate> held)
        {
            AttemptRecord? attempt = LastTierAttempt(state, rung);
            if (attempt is not null)
            {
                state.Ledger.Update(attempt.Sequence, a => a with { Outcome = AttemptOutcome.Rejected, Verdict = deciding, Verdicts = verdicts });
                attempt = state.Ledger.Attempts.First(a => a.Sequence == attempt.Sequence);
            }

            Outcome = TierOutcome.Rejected(rung, held.ToChatResponse(), attempt!, deciding, $"{deciding.Gate}: {deciding.Reason ?? "rejected"} (first sentence)");
        }

        private static async ValueTask<(bool Has, Exception? Error)> MoveNextAsync(IAsyncEnumerator<ChatResponseUpdate> updates)
        {
            try
            {
                return (await updates.MoveNextAsync(), null);
            }
            catch (Exception ex)
            {
                return (false, ex);
            }
        }

        private static bool PrefixComplete(List<ChatResponseUpdate> held)
        {
            var text = new StringBuilder();
            foreach (ChatResponseUpdate update in held)
            {
                text.Append(update.Text);
            }

            string value = text.ToString().TrimStart();
            if (value.Length >= MaxPrefixCharacters)
            {
                return true;
            }

            for (int i = 1; i < value.Length - 1; i++)
            {
                if (value[i] is '.' or '?' or '!' or '\n' && char.IsWhiteSpace(value[i + 1]))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static AttemptRecord? LastTierAttempt(RequestState state, CascadeRung rung) =>
        state.Ledger.Attempts.Where(a => a.Tier == rung.Name && a.Kind != AttemptKind.Verification).MaxBy(a => a.Sequence);

    /// <summary>Completes a streamed answer: records the route and returns the last update, which carries it and the total usage.</summary>
    private ChatResponseUpdate FinishStream(RequestState state, CascadeRung rung, List<ChatResponseUpdate> received, ChatFinishReason? finish, IReadOnlyList<GateVerdict>? prefixVerdicts)
    {
        AttemptRecord? attempt = LastTierAttempt(state, rung);
        if (attempt is not null && prefixVerdicts is { Count: > 0 } && attempt.Outcome == AttemptOutcome.Kept)
        {
            state.Ledger.Update(attempt.Sequence, a => a with { Outcome = AttemptOutcome.Accepted, Verdict = prefixVerdicts[^1], Verdicts = prefixVerdicts });
            attempt = state.Ledger.Attempts.First(a => a.Sequence == attempt.Sequence);
        }

        ChatResponse response = received.ToChatResponse();
        response.FinishReason = finish;
        response = Finish(state, response, rung, attempt);
        return FinalUpdate(response.GetCascadeRoute()!, finish);
    }
}
