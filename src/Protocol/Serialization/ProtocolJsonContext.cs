using System.Text.Json.Serialization;
using Cascade.Protocol.Anthropic;
using Cascade.Protocol.OpenAI;

namespace Cascade.Protocol;

/// <summary>
/// The source-generated JSON context of every wire type: snake_case names, nulls omitted unless the API writes
/// them (those properties say so), unknown properties ignored so newer API fields pass.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(AnthropicMessagesRequest))]
[JsonSerializable(typeof(AnthropicMessageResponse))]
[JsonSerializable(typeof(AnthropicStreamEvent))]
[JsonSerializable(typeof(AnthropicErrorResponse))]
[JsonSerializable(typeof(AnthropicModelList))]
[JsonSerializable(typeof(AnthropicModelInfo))]
[JsonSerializable(typeof(AnthropicContentBlock))]
[JsonSerializable(typeof(AnthropicTokenCount))]
[JsonSerializable(typeof(OpenAIChatRequest))]
[JsonSerializable(typeof(OpenAIChatCompletion))]
[JsonSerializable(typeof(OpenAIChatChunk))]
[JsonSerializable(typeof(OpenAIErrorResponse))]
[JsonSerializable(typeof(OpenAIModelList))]
[JsonSerializable(typeof(OpenAIModelInfo))]
[JsonSerializable(typeof(List<OpenAIContentPart>))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Gets a context that writes text as the real APIs do: UTF-8 as is, apostrophes and quotes in strings without
    /// <c>\u</c> escapes (the default context escapes them for HTML safety). Reading is the same as <see cref="JsonSerializerContext"/> <c>Default</c>.
    /// </summary>
    public static ProtocolJsonContext Wire => WireHolder.Instance;

    // A holder class, so the wire context is built after the generated Default (static initializers of partial
    // class files run in no defined order).
    private static class WireHolder
    {
        public static readonly ProtocolJsonContext Instance = new(new System.Text.Json.JsonSerializerOptions(Default!.Options)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }
}
