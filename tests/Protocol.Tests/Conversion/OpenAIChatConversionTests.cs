using System.Text.Json;
using Cascade.Protocol.Conversion;
using Cascade.Protocol.OpenAI;
using Microsoft.Extensions.AI;

namespace Cascade.Protocol.Tests.Conversion;

public sealed class OpenAIChatConversionTests
{
    [Fact]
    public void ToChat_MapsToolTurnsFormatAndSeed()
    {
        OpenAIChatRequest request = JsonSerializer.Deserialize("""
            {"model":"gpt-4o","seed":7,"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Where is A1?"},
              {"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"lookup_order","arguments":"{\"order_id\":\"A1\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"shipped"}],
             "tools":[{"type":"function","function":{"name":"lookup_order","parameters":{"type":"object"}}}],"tool_choice":"required",
             "response_format":{"type":"json_object"}}
            """, ProtocolJsonContext.Default.OpenAIChatRequest)!;

        (List<ChatMessage> messages, ChatOptions options) = OpenAIChatConversion.ToChat(request);

        messages.Select(m => m.Role).ShouldBe([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool]);
        messages[2].Contents.ShouldHaveSingleItem().ShouldBeOfType<FunctionCallContent>().Name.ShouldBe("lookup_order");
        messages[3].Contents.ShouldHaveSingleItem().ShouldBeOfType<FunctionResultContent>().CallId.ShouldBe("call_1");
        options.Seed.ShouldBe(7);
        options.ToolMode.ShouldBe(ChatToolMode.RequireAny);
        options.ResponseFormat.ShouldBeOfType<ChatResponseFormatJson>();
    }

    [Fact]
    public void ToChat_RejectsMalformedToolArguments()
    {
        OpenAIChatRequest request = JsonSerializer.Deserialize("""
            {"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{oops"}}]}]}
            """, ProtocolJsonContext.Default.OpenAIChatRequest)!;

        Should.Throw<ArgumentException>(() => OpenAIChatConversion.ToChat(request)).Message.ShouldContain("not valid JSON");
    }
}
