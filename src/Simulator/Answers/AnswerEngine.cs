using Cascade.Simulator.Answers.Realistic;
using Cascade.Simulator.Configuration;
using Cascade.Simulator.Models;
using Cascade.Simulator.Replay;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Cascade.Simulator.Answers;

/// <summary>
/// The one owner of what a simulated model answers, deterministically for (model, conversation, seed): a continuation
/// of an interrupted answer; else a recorded answer when the question is in the replay data; else, in
/// <see cref="SimulatorBehavior.Realistic"/> mode, a support answer built from the customer's points with the model's
/// measured errors, or "I don't know"; in <see cref="SimulatorBehavior.Legacy"/> mode, the original support and generic
/// answers. Then JSON when asked, judged by the mode's judge rule.
/// </summary>
public sealed class AnswerEngine
{
    /// <summary>The text of a refusal.</summary>
    public const string RefusalText = "I'm sorry, but I can't help with that request.";

    private static readonly string[] s_letters = ["A", "B", "C", "D"];
    private readonly ReplayStore _replay;
    private readonly long _seed;
    private readonly SimulatorBehavior _behavior;
    private readonly ModelCatalog _catalog;

    /// <summary>Initializes the engine.</summary>
    public AnswerEngine(ReplayStore replay, IOptions<SimulatorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _replay = replay;
        _seed = options.Value.Seed;
        _behavior = options.Value.Behavior;
        _catalog = new ModelCatalog(options);
    }

    /// <summary>Answers a conversation as <paramref name="model"/>.</summary>
    public SimulatedAnswer Answer(SimulatedModel model, IReadOnlyList<ChatMessage> messages, ChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(options);
        return Continue(model, messages, options) ?? AnswerWhole(model, messages, options);
    }

    private SimulatedAnswer? Continue(SimulatedModel model, IReadOnlyList<ChatMessage> messages, ChatOptions options)
    {
        if (Continuation.Before(messages, out string trailing) is not { } before)
        {
            return null;
        }

        foreach (SimulatedModel candidate in _catalog.All.Where(m => m.Id != model.Id).Prepend(model))
        {
            SimulatedAnswer whole = AnswerWhole(candidate, before, options);
            if (whole.ToolCall is not null || whole.Text.Length == 0)
            {
                continue;
            }

            int carried = Continuation.CarriedLength(trailing, whole.Text);
            if (carried >= 0)
            {
                string rest = whole.Text[carried..];
                return whole with { Text = rest, Logprob = whole.Logprob * rest.Length / whole.Text.Length, CutOffFraction = null, Alternatives = [] };
            }
        }

        return null;
    }

    private SimulatedAnswer AnswerWhole(SimulatedModel model, IReadOnlyList<ChatMessage> messages, ChatOptions options)
    {
        var context = AnswerContext.Create(model.Id, messages, options, options.Seed ?? _seed);
        SimulatedAnswer answer = Replay(context, model) ?? (_behavior == SimulatorBehavior.Realistic
            ? RealisticSupport.TryAnswer(context, model.Errors) ?? UnknownAnswer.Create(context, model.Errors)
            : SupportDomain.TryAnswer(context, model.Capability) ?? GenericAnswers.Answer(context, model.Capability));

        if (options.ResponseFormat is ChatResponseFormatJson json && answer.ToolCall is null)
        {
            bool good = _behavior == SimulatorBehavior.Realistic ? RealisticJudge.IsGood(context, model.Errors) : JsonAnswerFormatter.LegacyVerdict(answer, context);
            answer = JsonAnswerFormatter.Format(answer, json, context, good);
        }

        return answer;
    }

    private SimulatedAnswer? Replay(AnswerContext context, SimulatedModel model)
    {
        if (_replay.Index.Find(context.Question, model.ReplayAs) is not { } found)
        {
            return null;
        }

        RecordedAnswer recorded = found.Answer;
        return new SimulatedAnswer
        {
            Text = recorded.Text,
            Logprob = recorded.LogprobConfidence ?? (recorded.Correct == false ? -1.2 : -0.2),
            Source = AnswerSource.Replay,
            Quality = recorded.Correct == false ? AnswerQuality.ConfidentlyWrong : AnswerQuality.Confident,
            Alternatives = recorded.Text.Length == 1 ? [.. s_letters.Where(l => l != recorded.Text)] : [],
        };
    }
}
