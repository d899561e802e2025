using Cascade.Simulator.Answers;

namespace Cascade.Simulator.Generation;

/// <summary>
/// An answer cut into the pieces that are streamed (one word with its leading whitespace each), after the output
/// limit and stop sequences apply. Token counts are exact: the pieces' counts add up to the token count of the text,
/// so the output billed for a cut-off stream is the count of what was sent.
/// </summary>
public sealed class OutputPlan
{
    private OutputPlan(IReadOnlyList<OutputPiece> pieces, string text, SimulatedToolCall? toolCall, int toolCallTokens, StopKind stop, string? stopSequence, IReadOnlyList<string> alternatives)
    {
        Pieces = pieces;
        Text = text;
        ToolCall = toolCall;
        ToolCallTokens = toolCallTokens;
        Stop = stop;
        StopSequence = stopSequence;
        Alternatives = alternatives;
        OutputTokens = pieces.Sum(p => (long)p.Tokens) + toolCallTokens;
    }

    /// <summary>Gets the text pieces.</summary>
    public IReadOnlyList<OutputPiece> Pieces { get; }

    /// <summary>Gets the text sent (the pieces joined).</summary>
    public string Text { get; }

    /// <summary>Gets the tool call, if any.</summary>
    public SimulatedToolCall? ToolCall { get; }

    /// <summary>Gets the tokens of the tool call (name and arguments).</summary>
    public int ToolCallTokens { get; }

    /// <summary>Gets why the answer ends.</summary>
    public StopKind Stop { get; }

    /// <summary>Gets the stop sequence that matched.</summary>
    public string? StopSequence { get; }

    /// <summary>Gets alternatives for <c>top_logprobs</c>.</summary>
    public IReadOnlyList<string> Alternatives { get; }

    /// <summary>Gets the output tokens of the whole plan.</summary>
    public long OutputTokens { get; }

    /// <summary>Builds the plan of an answer.</summary>
    public static OutputPlan Create(SimulatedAnswer answer, long maxTokens, IList<string>? stopSequences, TokenCounter counter, bool refusal = false)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(counter);
        string text = answer.Text;
        StopKind stop = refusal ? StopKind.Refusal : answer.ToolCall is not null ? StopKind.ToolUse : StopKind.EndTurn;
        string? matched = null;
        if (stopSequences is { Count: > 0 } && !refusal)
        {
            int cut = -1;
            foreach (string sequence in stopSequences)
            {
                int at = string.IsNullOrEmpty(sequence) ? -1 : text.IndexOf(sequence, StringComparison.Ordinal);
                if (at >= 0 && (cut < 0 || at < cut))
                {
                    cut = at;
                    matched = sequence;
                }
            }

            if (cut >= 0)
            {
                text = text[..cut];
                stop = StopKind.StopSequence;
            }
        }

        List<OutputPiece> pieces = Split(text, counter, answer.Logprob);
        long budget = maxTokens;
        if (answer.CutOffFraction is { } fraction)
        {
            // The model itself stops at its output limit: a share of the answer, at least one token.
            budget = Math.Min(budget, Math.Max(1, (long)(pieces.Sum(p => (long)p.Tokens) * fraction)));
        }

        int kept = 0;
        long used = 0;
        while (kept < pieces.Count && used + pieces[kept].Tokens <= budget)
        {
            used += pieces[kept].Tokens;
            kept++;
        }

        SimulatedToolCall? toolCall = answer.ToolCall;
        int toolTokens = toolCall is null ? 0 : counter.Count(toolCall.Name) + counter.Count(toolCall.ArgumentsJson);
        if (kept < pieces.Count)
        {
            pieces.RemoveRange(kept, pieces.Count - kept);
            stop = StopKind.MaxTokens;
            matched = null;
            toolCall = null;
            toolTokens = 0;
        }
        else if (toolCall is not null && used + toolTokens > budget)
        {
            stop = StopKind.MaxTokens;
            toolCall = null;
            toolTokens = 0;
        }

        return new OutputPlan(pieces, string.Concat(pieces.Select(p => p.Text)), toolCall, toolTokens, stop, matched, answer.Alternatives);
    }

    private static List<OutputPiece> Split(string text, TokenCounter counter, double logprob)
    {
        var spans = new List<string>();
        int start = 0;
        for (int i = 1; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i - 1]))
            {
                spans.Add(text[start..i]);
                start = i;
            }
        }

        if (start < text.Length)
        {
            spans.Add(text[start..]);
        }

        int total = counter.Count(text);
        var counts = new int[spans.Count];
        int sum = 0;
        for (int i = 0; i < spans.Count; i++)
        {
            counts[i] = counter.Count(spans[i]);
            sum += counts[i];
        }

        // Word boundaries are pre-tokenizer boundaries for o200k, so the sum matches; when a tokenizer merges across
        // them, one piece keeps the counts exact.
        if (sum != total)
        {
            spans = text.Length == 0 ? [] : [text];
            counts = text.Length == 0 ? [] : [total];
        }

        var pieces = new List<OutputPiece>(spans.Count);
        for (int i = 0; i < spans.Count; i++)
        {
            pieces.Add(new OutputPiece(spans[i], counts[i], total == 0 ? 0 : logprob * counts[i] / total));
        }

        return pieces;
    }
}
