namespace Cascade.Protocol.Anthropic;

/// <summary>The <c>stop_reason</c> values of the Messages API.</summary>
public static class AnthropicStopReasons
{
    /// <summary>The model finished its turn.</summary>
    public const string EndTurn = "end_turn";

    /// <summary>The answer reached <c>max_tokens</c>.</summary>
    public const string MaxTokens = "max_tokens";

    /// <summary>A stop sequence matched.</summary>
    public const string StopSequence = "stop_sequence";

    /// <summary>The model called a tool.</summary>
    public const string ToolUse = "tool_use";

    /// <summary>The model declined to answer.</summary>
    public const string Refusal = "refusal";
}
