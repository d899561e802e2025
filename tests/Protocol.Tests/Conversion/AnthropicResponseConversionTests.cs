using System.Text.Json;
using Cascade.Protocol.Anthropic;
using Cascade.Protocol.Conversion;
using Microsoft.Extensions.AI;

namespace Cascade.Protocol.Tests.Conversion;

public sealed class AnthropicResponseConversionTests
{
    [Fact]
    public void ToMessageResponse_MapsTextToolCallsStopReasonAndUsage()
    {
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, [new TextContent("Let me check."), new FunctionCallContent("toolu_1", "get_order_status", new Dictionary<string, object?> { ["order_id"] = "A1" })]))
        {
            FinishReason = ChatFinishReason.ToolCalls,
            Usage = new UsageDetails { InputTokenCount = 20, OutputTokenCount = 9 },
        };

        AnthropicMessageResponse message = AnthropicResponseConversion.ToMessageResponse(response, "claude-sonnet-4-6", "msg_1");

        string json = JsonSerializer.Serialize(message, ProtocolJsonContext.Default.AnthropicMessageResponse);
        json.ShouldBe("""{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[{"type":"text","text":"Let me check."},{"type":"tool_use","id":"toolu_1","name":"get_order_status","input":{"order_id":"A1"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":20,"output_tokens":9}}""");
    }

    [Theory]
    [InlineData("stop", false, "end_turn")]
    [InlineData("length", false, "max_tokens")]
    [InlineData("tool_calls", false, "tool_use")]
    [InlineData("content_filter", false, "refusal")]
    [InlineData(null, true, "tool_use")]
    [InlineData(null, false, "end_turn")]
    public void ToStopReason_MapsEveryFinishReason(string? reason, bool toolCalls, string expected) =>
        AnthropicResponseConversion.ToStopReason(reason is null ? null : new ChatFinishReason(reason), toolCalls).ShouldBe(expected);
}
