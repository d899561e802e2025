using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cascade.Protocol.Anthropic;

/// <summary>
/// A content block of a message or a response: <c>text</c>, <c>tool_use</c>, <c>tool_result</c>, <c>image</c>,
/// <c>thinking</c>... One flat type carries the fields of every kind, so unknown kinds pass through unharmed.
/// </summary>
public sealed class AnthropicContentBlock
{
    /// <summary>Gets or sets the block kind; see <see cref="AnthropicContentTypes"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Type { get; set; }

    /// <summary>Gets or sets the text of a <c>text</c> block.</summary>
    public string? Text { get; set; }

    /// <summary>Gets or sets the id of a <c>tool_use</c> block (<c>toolu_...</c>).</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the tool name of a <c>tool_use</c> block.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the arguments object of a <c>tool_use</c> block.</summary>
    public JsonElement? Input { get; set; }

    /// <summary>Gets or sets the id of the <c>tool_use</c> a <c>tool_result</c> answers.</summary>
    public string? ToolUseId { get; set; }

    /// <summary>Gets or sets the result of a <c>tool_result</c> block; the wire accepts a string or blocks.</summary>
    [JsonPropertyName("content")]
    [JsonConverter(typeof(AnthropicContentListConverter))]
    public List<AnthropicContentBlock>? ResultContent { get; set; }

    /// <summary>Gets or sets whether a <c>tool_result</c> reports an error.</summary>
    public bool? IsError { get; set; }

    /// <summary>Gets or sets the source of an <c>image</c> or <c>document</c> block, kept as raw JSON.</summary>
    public JsonElement? Source { get; set; }

    /// <summary>Gets or sets the reasoning of a <c>thinking</c> block.</summary>
    public string? Thinking { get; set; }

    /// <summary>Gets or sets the signature of a <c>thinking</c> block.</summary>
    public string? Signature { get; set; }

    /// <summary>Gets or sets the prompt-caching marker, kept as raw JSON.</summary>
    public JsonElement? CacheControl { get; set; }

    /// <summary>Creates a <c>text</c> block.</summary>
    public static AnthropicContentBlock FromText(string text) => new() { Type = AnthropicContentTypes.Text, Text = text };

    /// <summary>Creates a <c>tool_use</c> block.</summary>
    public static AnthropicContentBlock FromToolUse(string id, string name, JsonElement input) =>
        new() { Type = AnthropicContentTypes.ToolUse, Id = id, Name = name, Input = input };

    /// <summary>Gets the concatenated text of <c>text</c> blocks, including those nested in a <c>tool_result</c>.</summary>
    public static string JoinText(IEnumerable<AnthropicContentBlock>? blocks)
    {
        if (blocks is null)
        {
            return string.Empty;
        }

        string? single = null;
        System.Text.StringBuilder? builder = null;
        foreach (AnthropicContentBlock block in blocks)
        {
            string? text = block.Type == AnthropicContentTypes.ToolResult ? JoinText(block.ResultContent) : block.Text;
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            if (single is null && builder is null)
            {
                single = text;
                continue;
            }

            builder ??= new System.Text.StringBuilder(single);
            builder.Append('\n').Append(text);
        }

        return builder?.ToString() ?? single ?? string.Empty;
    }
}
