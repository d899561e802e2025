using Cascade.Simulator.Configuration;
using Cascade.Simulator.Models;
using Cascade.Simulator.Replay;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Cascade.Simulator.Answers;

/// <summary>
/// Chooses what a model answers, deterministically for (model, conversation, seed): a recorded answer when the
/// question is in the replay data, else the support domain, else a generic answer; then JSON when asked.
/// </summary>
public sealed class AnswerEngine
{
    /// <summary>The text of a refusal.</summary>
    public const string RefusalText = "I'm sorry, but I can't help with that request.";

    private static readonly string[] s_letters = ["A", "B", "C", "D"];
    private readonly ReplayStore _replay;
    private readonly long _seed;

    /// <summary>Initializes the engine.</summary>
    public AnswerEngine(ReplayStore replay, IOptions<SimulatorOptions> options)
    {
        _replay = replay;
        _seed = options.Value.Seed;
    }

    /// <summary>Answers a conversation as <paramref name="model"/>.</summary>
    public SimulatedAnswer Answer(SimulatedModel model, IReadOnlyList<ChatMessage> messages, ChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(options);
        var context = AnswerContext.Create(model.Id, messages, options, options.Seed ?? _seed);
        SimulatedAnswer answer = Replay(context, model)
            ?? SupportDomain.TryAnswer(context, model.Capability)
            ?? GenericAnswers.Answer(context, model.Capability);

        if (options.ResponseFormat is ChatResponseFormatJson json && answer.ToolCall is null)
        {
            answer = JsonAnswerFormatter.Format(answer, json, context);
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
