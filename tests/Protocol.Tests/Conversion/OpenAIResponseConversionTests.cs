using System.Text.Json;
using Cascade.Protocol.Conversion;
using Cascade.Protocol.OpenAI;
using Microsoft.Extensions.AI;

namespace Cascade.Protocol.Tests.Conversion;

public sealed class OpenAIResponseConversionTests
{
    [Fact]
    public void ToChatCompletion_MapsTextAndUsage()
    {
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "Hello"))
        {
            FinishReason = ChatFinishReason.Length,
            Usage = new UsageDetails { InputTokenCount = 5, OutputTokenCount = 1, CachedInputTokenCount = 2 },
        };

        OpenAIChatCompletion completion = OpenAIResponseConversion.ToChatCompletion(response, "gpt-4o", 100, "chatcmpl-1");

        completion.Choices.ShouldHaveSingleItem().Message.Content!.GetText().ShouldBe("Hello");
        completion.Choices[0].FinishReason.ShouldBe("length");
        completion.Usage!.TotalTokens.ShouldBe(6);
        completion.Usage.PromptTokensDetails!.CachedTokens.ShouldBe(2);
    }

    [Fact]
    public void ToChatCompletion_ToolCallsHaveNullContent()
    {
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_1", "lookup_order", new Dictionary<string, object?> { ["order_id"] = "A1" })]));

        OpenAIChatCompletion completion = OpenAIResponseConversion.ToChatCompletion(response, "gpt-4o", 100, "chatcmpl-1");

        string json = JsonSerializer.Serialize(completion, ProtocolJsonContext.Default.OpenAIChatCompletion);
        json.ShouldContain("\"content\":null");
        json.ShouldContain("\"finish_reason\":\"tool_calls\"");
        OpenAIToolCall call = completion.Choices[0].Message.ToolCalls.ShouldHaveSingleItem();
        JsonDocument.Parse(call.Function!.Arguments!).RootElement.GetProperty("order_id").GetString().ShouldBe("A1");
    }
}
