using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace Cascade;

/// <summary>
/// Counts tokens with a real BPE tokenizer (Microsoft.ML.Tokenizers, o200k_base by default). Used wherever a
/// provider reported no usage (a cut-off stream, a timeout after acceptance) and for exact budget checks, and
/// by the simulator, so estimates and the simulated provider agree.
/// </summary>
/// <remarks>
/// Different providers tokenize differently; counts for Claude models are an estimate and are marked so in the
/// attempt log. A message costs its content tokens plus <see cref="PerMessageOverhead"/> (role and separators).
/// </remarks>
public sealed class TokenCounter
{
    /// <summary>Tokens added per message for the role and separators.</summary>
    public const int PerMessageOverhead = 4;

    /// <summary>Tokens added once per request for the assistant's reply priming.</summary>
    public const int PerRequestOverhead = 3;

    private static readonly Lazy<TokenCounter> s_default = new(() => new TokenCounter(TiktokenTokenizer.CreateForEncoding("o200k_base")));

    private readonly Tokenizer _tokenizer;

    /// <summary>Initializes a counter over a tokenizer.</summary>
    public TokenCounter(Tokenizer tokenizer) => _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));

    /// <summary>Gets the shared o200k_base counter.</summary>
    public static TokenCounter Default => s_default.Value;

    /// <summary>Counts the tokens of a text.</summary>
    public int Count(string? text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.CountTokens(text);

    /// <summary>Counts the input tokens of a request: every message's text, tool calls and results, plus overheads.</summary>
    public int CountInput(IEnumerable<ChatMessage> messages, ChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        int total = PerRequestOverhead;
        if (options?.Instructions is { } instructions)
        {
            total += PerMessageOverhead + Count(instructions);
        }

        foreach (ChatMessage message in messages)
        {
            total += PerMessageOverhead + CountContents(message.Contents);
        }

        if (options?.Tools is { Count: > 0 } tools)
        {
            foreach (AITool tool in tools)
            {
                total += Count(tool.Name) + Count(tool.Description);
                if (tool is AIFunctionDeclaration function)
                {
                    total += Count(function.JsonSchema.GetRawText());
                }
            }
        }

        return total;
    }

    /// <summary>Counts the output tokens of generated contents (text, tool calls).</summary>
    public int CountContents(IEnumerable<AIContent> contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        int total = 0;
        foreach (AIContent content in contents)
        {
            total += content switch
            {
                TextContent text => Count(text.Text),
                TextReasoningContent reasoning => Count(reasoning.Text),
                FunctionCallContent call => Count(call.Name) + Count(call.Arguments is null ? null : System.Text.Json.JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions)),
                FunctionResultContent result => Count(result.Result?.ToString()),
                _ => 0,
            };
        }

        return total;
    }
}
