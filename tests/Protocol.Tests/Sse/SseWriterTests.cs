using System.Text;
using Cascade.Protocol.Anthropic;
using Cascade.Protocol.OpenAI;
using Cascade.Protocol.Sse;

namespace Cascade.Protocol.Tests.Sse;

public sealed class SseWriterTests
{
    [Fact]
    public async Task WriteAsync_WritesNamedEventsThatTheReaderReadsBack()
    {
        using var stream = new MemoryStream();
        var writer = new SseWriter(stream);

        await writer.WriteAsync(AnthropicEventTypes.Ping, AnthropicStreamEvent.Ping(), ProtocolJsonContext.Default.AnthropicStreamEvent);
        await writer.WriteCommentAsync("keep-alive");
        await writer.WriteAsync(AnthropicEventTypes.ContentBlockDelta, AnthropicStreamEvent.TextDelta(0, "line1\nline2"), ProtocolJsonContext.Default.AnthropicStreamEvent);

        Encoding.UTF8.GetString(stream.ToArray()).ShouldStartWith("event: ping\ndata: {\"type\":\"ping\"}\n\n: keep-alive\n\nevent: content_block_delta\n");
        writer.EventsWritten.ShouldBe(2);

        stream.Position = 0;
        var events = new List<SseEvent<AnthropicStreamEvent>>();
        await foreach (SseEvent<AnthropicStreamEvent> item in SseReader.ReadJsonAsync(stream, ProtocolJsonContext.Default.AnthropicStreamEvent))
        {
            events.Add(item);
        }

        events.Select(e => e.EventType).ShouldBe(["ping", "content_block_delta"]);
        events[1].Data.Delta!.Text.ShouldBe("line1\nline2");
    }

    [Fact]
    public async Task ReadJsonAsync_StopsAtDone()
    {
        using var stream = new MemoryStream();
        var writer = new SseWriter(stream);
        await writer.WriteAsync(null, new OpenAIChatChunk { Id = "c1" }, ProtocolJsonContext.Default.OpenAIChatChunk);
        await writer.WriteRawAsync(null, SseWriter.DoneMarker);
        await writer.WriteAsync(null, new OpenAIChatChunk { Id = "after" }, ProtocolJsonContext.Default.OpenAIChatChunk);
        stream.Position = 0;

        var ids = new List<string>();
        await foreach (SseEvent<OpenAIChatChunk> item in SseReader.ReadJsonAsync(stream, ProtocolJsonContext.Default.OpenAIChatChunk))
        {
            ids.Add(item.Data.Id);
            item.EventType.ShouldBe("message");
        }

        ids.ShouldBe(["c1"]);
    }

    [Fact]
    public async Task WriteAsync_WithTheWireContext_WritesTextUnescaped()
    {
        using var stream = new MemoryStream();
        var writer = new SseWriter(stream);

        await writer.WriteAsync(null, AnthropicStreamEvent.TextDelta(0, "I'm café \"quoted\""), ProtocolJsonContext.Wire.AnthropicStreamEvent);
        await writer.WriteAsync(null, AnthropicStreamEvent.TextDelta(0, "I'm"), ProtocolJsonContext.Default.AnthropicStreamEvent);

        string text = Encoding.UTF8.GetString(stream.ToArray());
        text.ShouldContain("\"text\":\"I'm café \\\"quoted\\\"\"");
        text.ShouldContain("I\\u0027m");
    }

    [Fact]
    public async Task WriteRawAsync_RejectsLineBreaks()
    {
        var writer = new SseWriter(new MemoryStream());

        await Should.ThrowAsync<ArgumentException>(async () => await writer.WriteRawAsync(null, "a\nb"));
    }
}
