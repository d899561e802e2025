using System.Text.Json;
using Cascade.Protocol.OpenAI;

namespace Cascade.Protocol.Tests.OpenAI;

public sealed class OpenAIChatRequestTests
{
    [Fact]
    public void Deserialize_ReadsPartsToolCallsStopAndFormat()
    {
        const string json = """
            {"model":"gpt-4o-mini","messages":[
               {"role":"developer","content":"Be brief."},
               {"role":"user","content":[{"type":"text","text":"Where is"},{"type":"text","text":"my order?"}]},
               {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"lookup_order","arguments":"{\"order_id\":\"A1\"}"}}]},
               {"role":"tool","tool_call_id":"call_1","content":"shipped"}],
             "stop":"END","stream":true,"stream_options":{"include_usage":true},"logprobs":true,"top_logprobs":2,
             "response_format":{"type":"json_schema","json_schema":{"name":"answer","schema":{"type":"object"}}},"max_completion_tokens":20}
            """;

        OpenAIChatRequest request = JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.OpenAIChatRequest)!;

        request.Validate().ShouldBeNull();
        request.Messages![1].Content!.GetText().ShouldBe("Where is\nmy order?");
        request.Messages[2].Content.ShouldBeNull();
        request.Messages[2].ToolCalls.ShouldHaveSingleItem().Function!.Arguments.ShouldBe("""{"order_id":"A1"}""");
        request.Stop.ShouldBe(["END"]);
        request.StreamOptions!.IncludeUsage.ShouldBe(true);
        request.OutputLimit.ShouldBe(20);
        request.ResponseFormat!.JsonSchema!.Name.ShouldBe("answer");
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", "model")]
    [InlineData("""{"model":"m"}""", "messages")]
    [InlineData("""{"model":"m","messages":[]}""", "messages")]
    [InlineData("""{"model":"m","messages":[{"role":"robot","content":"x"}]}""", "messages[0].role")]
    [InlineData("""{"model":"m","messages":[{"role":"tool","content":"x"}]}""", "messages[0].tool_call_id")]
    [InlineData("""{"model":"m","messages":[{"role":"user"}]}""", "messages[0].content")]
    [InlineData("""{"model":"m","max_tokens":0,"messages":[{"role":"user","content":"x"}]}""", "max_tokens")]
    [InlineData("""{"model":"m","top_logprobs":3,"messages":[{"role":"user","content":"x"}]}""", "top_logprobs")]
    [InlineData("""{"model":"m","response_format":{"type":"yaml"},"messages":[{"role":"user","content":"x"}]}""", "response_format.type")]
    [InlineData("""{"model":"m","n":2,"messages":[{"role":"user","content":"x"}]}""", "n")]
    public void Validate_NamesTheOffendingParameter(string json, string param)
    {
        OpenAIChatRequest request = JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.OpenAIChatRequest)!;

        request.Validate().ShouldNotBeNull().Param.ShouldBe(param);
    }

    [Fact]
    public void Serialize_CompletionWritesNullContentAndFinishReason()
    {
        var completion = new OpenAIChatCompletion
        {
            Id = "chatcmpl-1",
            Created = 1,
            Model = "gpt-4o",
            Choices = [new OpenAIChatChoice { Message = new OpenAIChatMessage { Role = "assistant", ToolCalls = [new OpenAIToolCall { Id = "call_1", Function = new OpenAIFunctionCall { Name = "f", Arguments = "{}" } }] }, FinishReason = "tool_calls" }],
            Usage = OpenAIUsage.Create(10, 2),
        };

        string json = JsonSerializer.Serialize(completion, ProtocolJsonContext.Default.OpenAIChatCompletion);

        json.ShouldBe("""{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}],"refusal":null},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12},"system_fingerprint":null}""");
    }

    [Fact]
    public void ErrorResponse_HasTheOpenAIShape()
    {
        string json = JsonSerializer.Serialize(OpenAIErrorResponse.Create(404, "The model x does not exist", "model_not_found", "model"), ProtocolJsonContext.Default.OpenAIErrorResponse);

        json.ShouldBe("""{"error":{"message":"The model x does not exist","type":"invalid_request_error","param":"model","code":"model_not_found"}}""");
    }
}
