using System.Text.Json;
using Cascade.Protocol.Anthropic;

namespace Cascade.Protocol.Tests.Anthropic;

public sealed class AnthropicMessageResponseTests
{
    [Fact]
    public void Serialize_WritesTheApiShapeWithExplicitNulls()
    {
        var response = new AnthropicMessageResponse
        {
            Id = "msg_1",
            Model = "claude-sonnet-4-6",
            Content = [AnthropicContentBlock.FromText("Hello")],
            StopReason = AnthropicStopReasons.EndTurn,
            Usage = new AnthropicUsage { InputTokens = 12, OutputTokens = 3 },
        };

        string json = JsonSerializer.Serialize(response, ProtocolJsonContext.Default.AnthropicMessageResponse);

        json.ShouldBe("""{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[{"type":"text","text":"Hello"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":3}}""");
    }

    [Fact]
    public void MessageDelta_CarriesStopReasonAndTheCumulativeUsage()
    {
        string json = JsonSerializer.Serialize(AnthropicStreamEvent.MessageDelta(AnthropicStopReasons.MaxTokens, 7, 12), ProtocolJsonContext.Default.AnthropicStreamEvent);

        json.ShouldBe("""{"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"input_tokens":12,"output_tokens":7}}""");
    }

    [Theory]
    [InlineData(400, "invalid_request_error")]
    [InlineData(401, "authentication_error")]
    [InlineData(404, "not_found_error")]
    [InlineData(429, "rate_limit_error")]
    [InlineData(500, "api_error")]
    [InlineData(529, "overloaded_error")]
    public void ErrorResponse_UsesTheTypeOfTheStatus(int status, string type)
    {
        string json = JsonSerializer.Serialize(AnthropicErrorResponse.Create(status, "why", "req_1"), ProtocolJsonContext.Default.AnthropicErrorResponse);

        json.ShouldBe($$"""{"type":"error","error":{"type":"{{type}}","message":"why"},"request_id":"req_1"}""");
    }
}
