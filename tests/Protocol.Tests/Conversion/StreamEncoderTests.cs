using Cascade.Protocol.Anthropic;
using Cascade.Protocol.Conversion;
using Cascade.Protocol.OpenAI;
using Microsoft.Extensions.AI;

namespace Cascade.Protocol.Tests.Conversion;

public sealed class StreamEncoderTests
{
    private static readonly ChatResponseUpdate[] s_updates =
    [
        new(ChatRole.Assistant, "Hel"),
        new(ChatRole.Assistant, "lo"),
        new(ChatRole.Assistant, [new FunctionCallContent("c1", "lookup_order", new Dictionary<string, object?> { ["order_id"] = "A1" })]),
        new(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = 10, OutputTokenCount = 7 })]) { FinishReason = ChatFinishReason.ToolCalls },
    ];

    [Fact]
    public void Anthropic_ProducesTheApisEventOrder()
    {
        var encoder = new AnthropicStreamEncoder("claude-haiku-4-5-20251001", "msg_1");
        var events = new List<AnthropicStreamEvent> { encoder.Start(10) };
        foreach (ChatResponseUpdate update in s_updates)
        {
            events.AddRange(encoder.Encode(update));
        }

        events.AddRange(encoder.Finish());

        events.Select(e => e.Type).ShouldBe(["message_start", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
            "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"]);
        events.Where(e => e.Index is not null).Select(e => e.Index!.Value).ShouldBe([0, 0, 0, 0, 1, 1, 1]);
        events[6].Delta!.PartialJson.ShouldBe("""{"order_id":"A1"}""");
        events[8].Delta!.StopReason.ShouldBe("tool_use");
        events[8].Usage!.OutputTokens.ShouldBe(7);
        Should.Throw<InvalidOperationException>(() => encoder.Encode(s_updates[0]));
    }

    [Fact]
    public void Anthropic_RequiresStartFirst() =>
        Should.Throw<InvalidOperationException>(() => new AnthropicStreamEncoder("m").Encode(s_updates[0])).Message.ShouldContain("Start");

    [Fact]
    public void OpenAI_ProducesRoleFirst_ThenFinish_ThenUsage()
    {
        var encoder = new OpenAIStreamEncoder("gpt-4o", 1, "chatcmpl-1");
        var chunks = new List<OpenAIChatChunk>();
        foreach (ChatResponseUpdate update in s_updates)
        {
            chunks.AddRange(encoder.Encode(update));
        }

        chunks.AddRange(encoder.Finish(includeUsage: true));

        chunks.Count.ShouldBe(5);
        chunks[0].Choices[0].Delta.Role.ShouldBe("assistant");
        chunks[0].Choices[0].Delta.Content.ShouldBe("Hel");
        chunks[1].Choices[0].Delta.Role.ShouldBeNull();
        chunks[2].Choices[0].Delta.ToolCalls.ShouldHaveSingleItem().Function!.Name.ShouldBe("lookup_order");
        chunks[3].Choices[0].FinishReason.ShouldBe("tool_calls");
        chunks[4].Choices.ShouldBeEmpty();
        chunks[4].Usage!.CompletionTokens.ShouldBe(7);
        chunks.ShouldAllBe(c => c.Id == "chatcmpl-1");
    }
}
