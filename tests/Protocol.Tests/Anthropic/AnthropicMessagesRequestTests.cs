using System.Text.Json;
using Cascade.Protocol.Anthropic;

namespace Cascade.Protocol.Tests.Anthropic;

public sealed class AnthropicMessagesRequestTests
{
    [Fact]
    public void Deserialize_AcceptsStringAndBlockContentAndSystem()
    {
        const string json = """
            {"model":"claude-haiku-4-5-20251001","max_tokens":64,"system":[{"type":"text","text":"Be brief."}],
             "messages":[{"role":"user","content":"Hi"},
                         {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_order_status","input":{"order_id":"A1"}}]},
                         {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"shipped"}]}],
             "tools":[{"name":"get_order_status","input_schema":{"type":"object"}}],"tool_choice":{"type":"auto"},"stream":true,"future_field":1}
            """;

        AnthropicMessagesRequest request = JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.AnthropicMessagesRequest)!;

        request.Validate().ShouldBeNull();
        request.System.ShouldHaveSingleItem().Text.ShouldBe("Be brief.");
        request.Messages![0].Content.ShouldHaveSingleItem().Text.ShouldBe("Hi");
        request.Messages[1].Content![0].Input!.Value.GetProperty("order_id").GetString().ShouldBe("A1");
        request.Messages[2].Content![0].ResultContent.ShouldHaveSingleItem().Text.ShouldBe("shipped");
        request.Stream.ShouldBe(true);
        request.ToolChoice!.Type.ShouldBe("auto");
    }

    [Theory]
    [InlineData("""{"max_tokens":5,"messages":[{"role":"user","content":"x"}]}""", "model")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}]}""", "max_tokens")]
    [InlineData("""{"model":"m","max_tokens":0,"messages":[{"role":"user","content":"x"}]}""", "max_tokens")]
    [InlineData("""{"model":"m","max_tokens":5}""", "messages")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[]}""", "messages")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[{"role":"system","content":"x"}]}""", "messages.0.role")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[{"role":"user"}]}""", "messages.0.content")]
    [InlineData("""{"model":"m","max_tokens":5,"temperature":3,"messages":[{"role":"user","content":"x"}]}""", "temperature")]
    public void Validate_NamesTheOffendingField(string json, string field)
    {
        AnthropicMessagesRequest request = JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.AnthropicMessagesRequest)!;

        request.Validate().ShouldNotBeNull().ShouldStartWith(field);
    }

    [Fact]
    public void Deserialize_RejectsContentThatIsNeitherStringNorArray()
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize("""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":5}]}""", ProtocolJsonContext.Default.AnthropicMessagesRequest));
    }
}
