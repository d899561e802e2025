using Cascade.Protocol.Sse;
using Microsoft.Extensions.AI;

namespace Cascade.Router;

/// <summary>One wire API the gateway speaks: how its requests are read and its answers and streams written.</summary>
internal interface IGatewayDialect
{
    /// <summary>Gets the API's error shape.</summary>
    ApiFlavor Flavor { get; }

    /// <summary>Reads a request body, or returns the 400 to send.</summary>
    (ParsedRequest? Request, RouterError? Error) Parse(byte[] body);

    /// <summary>Serializes a whole answer.</summary>
    byte[] WriteResponse(ChatResponse response, CascadeRoute route, string requestedModel);

    /// <summary>Starts a streamed answer.</summary>
    IGatewayStream CreateStream(SseWriter sse, string requestId, string requestedModel);
}

/// <summary>A streamed answer being written in a dialect.</summary>
internal interface IGatewayStream
{
    /// <summary>Writes the opening event.</summary>
    ValueTask StartAsync(CancellationToken cancellationToken);

    /// <summary>Writes one update's text and tool calls.</summary>
    ValueTask WriteAsync(ChatResponseUpdate update, CancellationToken cancellationToken);

    /// <summary>Writes the closing events, the route included.</summary>
    ValueTask CompleteAsync(CascadeRoute route, ChatFinishReason? finishReason, CancellationToken cancellationToken);

    /// <summary>Writes the API's in-band error event after output was committed; nothing that reads as a normal ending follows it.</summary>
    ValueTask FailAsync(RouterError error, CancellationToken cancellationToken);
}

/// <summary>A request read from the wire.</summary>
/// <param name="Model">The model asked for.</param>
/// <param name="Messages">The conversation.</param>
/// <param name="Options">The options (tools, response format, system prompt, output limit ...).</param>
/// <param name="Stream">Whether the answer is streamed.</param>
internal sealed record ParsedRequest(string Model, List<ChatMessage> Messages, ChatOptions Options, bool Stream);
