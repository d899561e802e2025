using System.Text.Json.Serialization;

namespace Cascade.Protocol.Anthropic;

/// <summary>Token usage of an Anthropic response; in <c>message_delta</c> events only <see cref="OutputTokens"/> is cumulative.</summary>
public sealed class AnthropicUsage
{
    /// <summary>Gets or sets the input tokens billed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long InputTokens { get; set; }

    /// <summary>Gets or sets the output tokens billed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long OutputTokens { get; set; }

    /// <summary>Gets or sets the input tokens written to the prompt cache.</summary>
    public long? CacheCreationInputTokens { get; set; }

    /// <summary>Gets or sets the input tokens read from the prompt cache.</summary>
    public long? CacheReadInputTokens { get; set; }
}
