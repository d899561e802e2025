using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cascade.Protocol.Sse;

/// <summary>Reads server-sent events with <see cref="SseParser"/> and deserializes their JSON data.</summary>
public static class SseReader
{
    /// <summary>Reads the raw events of <paramref name="stream"/> until it ends.</summary>
    public static IAsyncEnumerable<SseItem<string>> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return SseParser.Create(stream).EnumerateAsync(cancellationToken);
    }

    /// <summary>
    /// Reads events whose data is JSON of type <typeparamref name="T"/>, stopping at an OpenAI
    /// <c>data: [DONE]</c>. The SSE event name comes with each item.
    /// </summary>
    /// <exception cref="JsonException">An event's data is not valid JSON of <typeparamref name="T"/>.</exception>
    public static async IAsyncEnumerable<SseEvent<T>> ReadJsonAsync<T>(Stream stream, JsonTypeInfo<T> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        await foreach (SseItem<string> item in ReadAsync(stream, cancellationToken))
        {
            if (item.Data == SseWriter.DoneMarker)
            {
                yield break;
            }

            T value = JsonSerializer.Deserialize(item.Data, typeInfo)
                ?? throw new JsonException($"The data of SSE event '{item.EventType}' is null.");
            yield return new SseEvent<T>(item.EventType, value);
        }
    }
}
