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
[JsonSerializable(typeof(OpenAIChatRequest))]
[JsonSerializable(typeof(OpenAIChatCompletion))]
[JsonSerializable(typeof(OpenAIChatChunk))]
[JsonSerializable(typeof(OpenAIErrorResponse))]
[JsonSerializable(typeof(OpenAIModelList))]
[JsonSerializable(typeof(OpenAIModelInfo))]
[JsonSerializable(typeof(List<OpenAIContentPart>))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
