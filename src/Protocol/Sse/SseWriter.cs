using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cascade.Protocol.Sse;

/// <summary>
/// Writes server-sent events (<c>event: name</c>, <c>data: json</c>, blank line) to a stream and flushes each event,
/// so a client sees it at once and a server knows which events reached the wire. Not thread-safe: one writer per response.
/// </summary>
/// <remarks>JSON is written compactly on one line, so a <c>data:</c> field never needs splitting.</remarks>
public sealed class SseWriter
{
    /// <summary>The media type of an event stream.</summary>
    public const string ContentType = "text/event-stream";

    /// <summary>The terminal <c>data:</c> payload of an OpenAI stream.</summary>
    public const string DoneMarker = "[DONE]";

    private static readonly byte[] s_event = "event: "u8.ToArray();
    private static readonly byte[] s_data = "data: "u8.ToArray();
    private static readonly byte[] s_endOfEvent = "\n\n"u8.ToArray();

    private readonly Stream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private Utf8JsonWriter? _json;

    /// <summary>Initializes a writer over <paramref name="stream"/>.</summary>
    public SseWriter(Stream stream) => _stream = stream ?? throw new ArgumentNullException(nameof(stream));

    /// <summary>Gets the number of events written so far.</summary>
    public int EventsWritten { get; private set; }

    /// <summary>Writes one event whose data is <paramref name="data"/> serialized as JSON, then flushes.</summary>
    /// <param name="eventName">The <c>event:</c> field, or <see langword="null"/> for none (OpenAI streams).</param>
    /// <param name="data">The payload.</param>
    /// <param name="typeInfo">The payload's source-generated type info.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public ValueTask WriteAsync<T>(string? eventName, T data, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        _buffer.ResetWrittenCount();
        WriteEventName(eventName);
        _buffer.Write(s_data);
        // The writer, not the serializer, escapes strings: give it the encoder of the type info's options.
        if (_json is null || !ReferenceEquals(_json.Options.Encoder, typeInfo.Options.Encoder))
        {
            _json?.Dispose();
            _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = typeInfo.Options.Encoder, SkipValidation = true });
        }
        else
        {
            _json.Reset(_buffer);
        }

        JsonSerializer.Serialize(_json, data, typeInfo);
        _json.Flush();
        _buffer.Write(s_endOfEvent);
        return FlushBufferAsync(cancellationToken);
    }

    /// <summary>Writes one event whose data is <paramref name="data"/> as is (e.g. <see cref="DoneMarker"/>), then flushes.</summary>
    /// <exception cref="ArgumentException">The data contains a line break.</exception>
    public ValueTask WriteRawAsync(string? eventName, string data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("Raw SSE data must be a single line.", nameof(data));
        }

        _buffer.ResetWrittenCount();
        WriteEventName(eventName);
        _buffer.Write(s_data);
        WriteUtf8(data);
        _buffer.Write(s_endOfEvent);
        return FlushBufferAsync(cancellationToken);
    }

    /// <summary>Writes a comment line (<c>: text</c>), which clients ignore; useful as a keep-alive.</summary>
    public ValueTask WriteCommentAsync(string comment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comment);
        _buffer.ResetWrittenCount();
        WriteUtf8(": ");
        WriteUtf8(comment.ReplaceLineEndings(" "));
        _buffer.Write(s_endOfEvent);
        return FlushBufferAsync(cancellationToken, countsAsEvent: false);
    }

    private void WriteEventName(string? eventName)
    {
        if (eventName is null)
        {
            return;
        }

        if (eventName.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("An SSE event name must be a single line.", nameof(eventName));
        }

        _buffer.Write(s_event);
        WriteUtf8(eventName);
        _buffer.Write("\n"u8);
    }

    private void WriteUtf8(string text)
    {
        Span<byte> span = _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private async ValueTask FlushBufferAsync(CancellationToken cancellationToken, bool countsAsEvent = true)
    {
        await _stream.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
        if (countsAsEvent)
        {
            EventsWritten++;
        }
    }
}
