using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// Asks a judge model (a tier's client) to score the answer on the strict JSON rubric of <see cref="JudgeRubric"/>; accepts at
/// an overall score of <see cref="JudgeGateOptions.AcceptAtOverall"/> or more when the judge does not ask for escalation,
/// rejects otherwise. The judge's call lands in the ledger as a <see cref="AttemptKind.Verification"/> attempt.
/// </summary>
/// <remarks>A reply that is not a valid rubric (no JSON, a missing field, a score outside 1 to 5) gives <see cref="JudgeGateOptions.WhenMalformed"/>.</remarks>
public sealed class JudgeGate : IQualityGate
{
    /// <summary>The gate's kind and name: <c>judge</c>.</summary>
    public const string Kind = "judge";

    private static readonly JsonElement RubricSchema = JsonDocument.Parse(JudgeRubric.Schema).RootElement.Clone();
    private readonly JudgeGateOptions _options;
    private readonly ITierInvoker _invoker;

    /// <summary>Initializes the gate.</summary>
    public JudgeGate(JudgeGateOptions options, ITierInvoker invoker)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _invoker = invoker ?? throw new ArgumentNullException(nameof(invoker));
        ArgumentNullException.ThrowIfNull(options.Tier);
    }

    /// <inheritdoc/>
    public string Name => Kind;

    /// <inheritdoc/>
    public GateCost Cost => GateCost.ModelCall;

    /// <summary>Builds the judge's prompt: the conversation's question(s) and the answer to score.</summary>
    public static string BuildPrompt(IReadOnlyList<ChatMessage> messages, string answer)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(answer);
        var prompt = new StringBuilder();
        foreach (ChatMessage message in messages.Where(m => m.Role != ChatRole.System && !string.IsNullOrWhiteSpace(m.Text)))
        {
            prompt.Append(message.Role == ChatRole.User ? "Question" : "Earlier reply").Append(":\n").Append(message.Text.Trim()).Append("\n\n");
        }

        prompt.Append("Answer to evaluate:\n").Append(answer.Trim()).Append("\n\nReply with the JSON object only.");
        return prompt.ToString();
    }

    /// <summary>Turns a rubric into a verdict.</summary>
    public static GateVerdict Decide(string gate, JudgeRubric rubric, double acceptAtOverall)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        double score = (rubric.Overall - 1) / 4;
        string detail = $"overall {rubric.Overall:0.#} (accuracy {rubric.Accuracy:0.#}, completeness {rubric.Completeness:0.#}, clarity {rubric.Clarity:0.#})"
            + (rubric.ShouldEscalate ? ", escalation asked" : "")
            + (string.IsNullOrWhiteSpace(rubric.Reason) ? "" : $": {rubric.Reason}");
        return rubric.Overall >= acceptAtOverall && !rubric.ShouldEscalate
            ? GateVerdict.Accept(gate, detail, score)
            : GateVerdict.Reject(gate, detail, score);
    }

    /// <inheritdoc/>
    public async ValueTask<GateVerdict> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ChatMessage[] messages = [new(ChatRole.User, BuildPrompt(context.Messages, context.Text))];
        var options = new ChatOptions
        {
            Instructions = _options.Instructions,
            Temperature = 0,
            MaxOutputTokens = _options.MaxOutputTokens,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(RubricSchema, "judge_rubric", "Scores of an answer"),
        };
        if (context.Options?.AdditionalProperties is { } properties)
        {
            // Keep the request's id and workload so the judge's call is attributed to the request that caused it.
            options.AdditionalProperties = new(properties.Where(p => p.Key.StartsWith("cascade.", StringComparison.Ordinal) && p.Key != CascadeOptionKeys.Expectations));
        }

        ChatResponse? reply = await VerificationCall.GetResponseAsync(_invoker, _options.Tier, messages, options, context, Name, cancellationToken);
        if (reply is null)
        {
            return _options.WhenUnavailable.ToVerdict(Name, $"judge tier '{_options.Tier.Name}' failed");
        }

        return JudgeRubric.TryParse(reply.Text, out JudgeRubric? rubric, out string? error)
            ? Decide(Name, rubric!, _options.AcceptAtOverall)
            : _options.WhenMalformed.ToVerdict(Name, $"malformed judge reply: {error}");
    }
}
