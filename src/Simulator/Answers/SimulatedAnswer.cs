namespace Cascade.Simulator.Answers;

/// <summary>What a simulated model answers, before output limits and faults apply.</summary>
public sealed record SimulatedAnswer
{
    /// <summary>Gets the text (may be empty when the answer is a tool call).</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Gets the tool call, if the model calls a tool.</summary>
    public SimulatedToolCall? ToolCall { get; init; }

    /// <summary>Gets the log-probability of the whole answer (0 = certain), spread over its tokens as logprobs.</summary>
    public double Logprob { get; init; }

    /// <summary>Gets where the answer came from.</summary>
    public AnswerSource Source { get; init; }

    /// <summary>Gets how good it is meant to be.</summary>
    public AnswerQuality Quality { get; init; }

    /// <summary>Gets plausible alternative first tokens, for <c>top_logprobs</c>.</summary>
    public IReadOnlyList<string> Alternatives { get; init; } = [];

    /// <summary>Gets the share of the answer's tokens the model emits before it stops at its output limit, when it does.</summary>
    public double? CutOffFraction { get; init; }
}
