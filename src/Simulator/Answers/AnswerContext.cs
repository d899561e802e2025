using Microsoft.Extensions.AI;

namespace Cascade.Simulator.Answers;

/// <summary>What the answer depends on, read once from the request.</summary>
internal sealed class AnswerContext
{
    private AnswerContext(string question, string system, FunctionResultContent? toolResult, IList<AITool>? tools, ChatResponseFormat? format, StableHash hash)
    {
        Question = question;
        System = system;
        ToolResult = toolResult;
        Tools = tools;
        Format = format;
        Hash = hash;
    }

    /// <summary>Gets the last user text.</summary>
    public string Question { get; }

    /// <summary>Gets the system instructions and system messages.</summary>
    public string System { get; }

    /// <summary>Gets the tool result of the last message, when the client just answered a tool call.</summary>
    public FunctionResultContent? ToolResult { get; }

    /// <summary>Gets the offered tools.</summary>
    public IList<AITool>? Tools { get; }

    /// <summary>Gets the requested response format.</summary>
    public ChatResponseFormat? Format { get; }

    /// <summary>Gets the hash of (model, conversation, seed).</summary>
    public StableHash Hash { get; }

    /// <summary>Gets whether the system prompt asks for an <c>UNSURE:</c> prefix when in doubt.</summary>
    public bool WantsUnsurePrefix => System.Contains("UNSURE", StringComparison.Ordinal);

    public static AnswerContext Create(string modelId, IReadOnlyList<ChatMessage> messages, ChatOptions options, long seed)
    {
        var hash = new StableHash();
        hash.Add(modelId);
        hash.Add(seed);
        string question = string.Empty;
        var system = new System.Text.StringBuilder(options.Instructions);
        foreach (ChatMessage message in messages)
        {
            string text = message.Text;
            hash.Add(message.Role.Value);
            hash.Add(text);
            if (message.Role == ChatRole.System)
            {
                system.Append('\n').Append(text);
            }
            else if (message.Role == ChatRole.User && text.Length > 0)
            {
                question = text;
            }
        }

        hash.Add(options.Instructions);
        FunctionResultContent? toolResult = messages.Count > 0 ? messages[^1].Contents.OfType<FunctionResultContent>().LastOrDefault() : null;
        if (toolResult is not null)
        {
            hash.Add(toolResult.Result?.ToString());
        }

        return new AnswerContext(question, system.ToString(), toolResult, options.Tools, options.ResponseFormat, hash);
    }
}
