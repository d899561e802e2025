using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cascade.Tests.Gates;

public class JsonSchemaGateTests
{
    private const string PersonSchema = """
        { "type": "object", "properties": { "name": { "type": "string" }, "age": { "type": "integer", "minimum": 0 } }, "required": ["name", "age"] }
        """;

    [Fact]
    public async Task EvaluateAsync_ValidatesAgainstTheExpectationsSchema()
    {
        var gate = new JsonSchemaGate();
        var expectations = new GateExpectations { JsonSchema = PersonSchema };

        (await gate.EvaluateAsync(GateContexts.For("""{"name":"Ada","age":36}""", expectations: expectations))).Decision.ShouldBe(GateDecision.Abstain);
        GateVerdict missing = await gate.EvaluateAsync(GateContexts.For("""{"name":"Ada"}""", expectations: expectations));
        missing.Decision.ShouldBe(GateDecision.Reject);
        missing.Reason!.ShouldContain("PropertyRequired");
    }

    [Fact]
    public async Task EvaluateAsync_TakesTheSchemaFromTheRequestsResponseFormat()
    {
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(PersonSchema).RootElement, "person") };
        var gate = new JsonSchemaGate();

        GateVerdict wrongType = await gate.EvaluateAsync(GateContexts.For("""{"name":"Ada","age":"old"}""", options: options));
        GateVerdict valid = await gate.EvaluateAsync(GateContexts.For("""{"name":"Ada","age":36}""", options: options));

        wrongType.Decision.ShouldBe(GateDecision.Reject);
        wrongType.Reason!.ShouldContain("age");
        valid.Decision.ShouldBe(GateDecision.Abstain);
    }

    [Fact]
    public async Task EvaluateAsync_RejectsTextThatIsNotJson()
    {
        var expectations = new GateExpectations { JsonSchema = PersonSchema };

        GateVerdict verdict = await new JsonSchemaGate().EvaluateAsync(GateContexts.For("Ada is 36.", expectations: expectations));

        verdict.Decision.ShouldBe(GateDecision.Reject);
        verdict.Reason!.ShouldStartWith("not JSON");
    }

    [Fact]
    public async Task EvaluateAsync_UnwrapsACodeFenceUnlessDisallowed()
    {
        var expectations = new GateExpectations { JsonSchema = PersonSchema };
        string fenced = "```json\n{\"name\":\"Ada\",\"age\":36}\n```";

        (await new JsonSchemaGate().EvaluateAsync(GateContexts.For(fenced, expectations: expectations))).Decision.ShouldBe(GateDecision.Abstain);
        (await new JsonSchemaGate(new JsonSchemaGateOptions { AllowCodeFence = false }).EvaluateAsync(GateContexts.For(fenced, expectations: expectations)))
            .Decision.ShouldBe(GateDecision.Reject);
    }

    [Fact]
    public async Task EvaluateAsync_JsonModeWithoutSchemaStillRequiresJson()
    {
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.Json };
        var gate = new JsonSchemaGate();

        (await gate.EvaluateAsync(GateContexts.For("not json", options: options))).Decision.ShouldBe(GateDecision.Reject);
        (await gate.EvaluateAsync(GateContexts.For("[1,2]", options: options))).Decision.ShouldBe(GateDecision.Abstain);
    }

    [Fact]
    public async Task EvaluateAsync_AbstainsWithoutASchema()
    {
        GateVerdict verdict = await new JsonSchemaGate().EvaluateAsync(GateContexts.For("plain text"));

        verdict.Decision.ShouldBe(GateDecision.Abstain);
        verdict.Reason.ShouldBe("no schema");
    }

    [Fact]
    public void Constructor_InvalidSchemaIsAClearError()
    {
        var ex = Should.Throw<ArgumentException>(() => new JsonSchemaGate(new JsonSchemaGateOptions { Schema = "{ not a schema" }));

        ex.Message.ShouldContain("Schema is not a valid JSON schema");
    }
}
