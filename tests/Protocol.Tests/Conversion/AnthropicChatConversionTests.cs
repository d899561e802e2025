using System.Text.Json;
using Cascade.Protocol.Anthropic;
using Cascade.Protocol.Conversion;
using Microsoft.Extensions.AI;

namespace Cascade.Protocol.Tests.Conversion;

public sealed class AnthropicChatConversionTests
{
    [Fact]
    public void ToChat_MapsSystemToolsAndToolTurns()
    {
        AnthropicMessagesRequest request = JsonSerializer.Deserialize("""
            {"model":"claude-sonnet-4-6","max_tokens":50,"system":"You are support.","temperature":0.5,
             "messages":[{"role":"user","content":"Where is A1?"},
               {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_order_status","input":{"order_id":"A1"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"shipped"}]}]}],
             "tools":[{"name":"get_order_status","description":"Looks up an order","input_schema":{"type":"object","properties":{"order_id":{"type":"string"}}}}],
             "tool_choice":{"type":"tool","name":"get_order_status"}}
            """, ProtocolJsonContext.Default.AnthropicMessagesRequest)!;

        (List<ChatMessage> messages, ChatOptions options) = AnthropicChatConversion.ToChat(request);

        options.Instructions.ShouldBe("You are support.");
        options.MaxOutputTokens.ShouldBe(50);
        options.ModelId.ShouldBe("claude-sonnet-4-6");
        options.Tools.ShouldHaveSingleItem().Name.ShouldBe("get_order_status");
        options.ToolMode.ShouldBeOfType<RequiredChatToolMode>().RequiredFunctionName.ShouldBe("get_order_status");
        messages.Count.ShouldBe(3);
        FunctionCallContent call = messages[1].Contents.ShouldHaveSingleItem().ShouldBeOfType<FunctionCallContent>();
        call.Arguments!["order_id"].ShouldBeOfType<JsonElement>().GetString().ShouldBe("A1");
        messages[2].Contents.ShouldHaveSingleItem().ShouldBeOfType<FunctionResultContent>().Result.ShouldBe("shipped");
    }

    [Fact]
    public void ToChat_RejectsNonObjectToolInput()
    {
        AnthropicMessagesRequest request = JsonSerializer.Deserialize("""
            {"model":"m","max_tokens":5,"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"f","input":[1]}]}]}
            """, ProtocolJsonContext.Default.AnthropicMessagesRequest)!;

        Should.Throw<ArgumentException>(() => AnthropicChatConversion.ToChat(request)).Message.ShouldContain("JSON object");
    }
}
