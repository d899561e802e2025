using System.Text.Json;
using Cascade.Simulator.Answers;
using Cascade.Simulator.Configuration;
using Cascade.Simulator.Models;
using Cascade.Simulator.Replay;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Cascade.Simulator.Tests.Answers;

public sealed class AnswerEngineTests
{
    private static readonly string[] s_complexSupport =
    [
        "Can I return a damaged item from an international order after 30 days, and how is the refund paid?",
        "My order was a gift and shipped abroad; can the recipient exchange it, and who pays customs?",
        "I paid with Klarna but want to cancel part of the order; what happens to the installments and the refund?",
        "If the price drops after I bought it but the item is final sale, can I still get a price adjustment or a return?",
        "What if my express delivery arrives damaged and I already paid by PayPal, do I get a refund or an exchange?",
        "Can I combine a gift card and a credit card, and split the delivery to two addresses abroad?",
    ];

    private readonly ModelCatalog _models;
    private readonly AnswerEngine _engine;

    public AnswerEngineTests()
    {
        var options = new SimulatorOptions();
        options.Models["weak"] = new SimulatedModelOptions { Capability = 0.3 };
        options.Models["strong"] = new SimulatedModelOptions { Capability = 0.95 };
        _models = new ModelCatalog(Options.Create(options));
        _engine = new AnswerEngine(new ReplayStore(), Options.Create(options));
    }

    [Fact]
    public void Answer_IsDeterministicForModelPromptAndSeed()
    {
        SimulatedAnswer a = Ask("weak", "Explain why the sky is blue and derive the scattering law step by step.", seed: 1);
        SimulatedAnswer b = Ask("weak", "Explain why the sky is blue and derive the scattering law step by step.", seed: 1);

        b.ShouldBe(a);
        Enumerable.Range(0, 20).Select(s => Ask("weak", "Explain why the sky is blue and derive the scattering law step by step.", seed: s).Text).Distinct().Count().ShouldBeGreaterThan(1);
    }

    [Fact]
    public void Support_SimpleQuestions_AreRightForEveryModel()
    {
        foreach (string model in new[] { "weak", "strong" })
        {
            SimulatedAnswer answer = Ask(model, "What is your return policy?");
            answer.Quality.ShouldBe(AnswerQuality.Confident);
            answer.Text.ShouldContain("30 days");
            Hedges.Count(answer.Text).ShouldBe(0);
        }
    }

    [Fact]
    public void Support_ComplexQuestions_WeakModelsHedgeOrErr_StrongModelsAnswer()
    {
        SimulatedAnswer[] weak = [.. s_complexSupport.Select(q => Ask("weak", q))];
        SimulatedAnswer[] strong = [.. s_complexSupport.Select(q => Ask("strong", q))];

        weak.ShouldAllBe(a => a.Quality != AnswerQuality.Confident);
        weak.Where(a => a.Quality == AnswerQuality.Hedged).ShouldAllBe(a => Hedges.Count(a.Text) >= 2);
        strong.ShouldAllBe(a => a.Quality == AnswerQuality.Confident && Hedges.Count(a.Text) == 0);
    }

    [Fact]
    public void Support_WeakModelStartsWithUnsure_WhenTheSystemPromptAsksForIt()
    {
        string[] texts = [.. s_complexSupport.Select(q => Ask("weak", q, system: "If you are not sure, start your answer with UNSURE:"))
            .Where(a => a.Quality == AnswerQuality.Hedged).Select(a => a.Text)];

        texts.ShouldNotBeEmpty();
        texts.ShouldAllBe(t => t.StartsWith("UNSURE: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Support_OrderQuestion_CallsTheOfferedTool_WithTheOrderId()
    {
        AIFunctionDeclaration tool = AIFunctionFactory.CreateDeclaration("lookup_order", null, JsonDocument.Parse("""{"type":"object","properties":{"id":{"type":"string"}}}""").RootElement);

        SimulatedAnswer answer = Ask("weak", "Where is my package? The order number is ORD-77812.", tools: [tool]);

        answer.ToolCall.ShouldNotBeNull();
        answer.ToolCall.Name.ShouldBe("lookup_order");
        answer.ToolCall.ArgumentsJson.ShouldBe("""{"id":"ORD-77812"}""");
    }

    [Fact]
    public void Support_OrderQuestion_WithoutATool_SaysWhereToLook()
    {
        SimulatedAnswer answer = Ask("strong", "Where is my order A12345?");

        answer.ToolCall.ShouldBeNull();
        answer.Text.ShouldContain("A12345");
    }

    [Fact]
    public void Support_OrderQuestion_WithToolButNoNumber_AsksForIt()
    {
        AIFunctionDeclaration tool = AIFunctionFactory.CreateDeclaration("get_order_status", null, JsonDocument.Parse("""{"type":"object"}""").RootElement);

        Ask("strong", "Where is my order?", tools: [tool]).Text.ShouldContain("order number");
    }

    [Fact]
    public void Generic_QualityFollowsCapabilityAgainstDifficulty()
    {
        string[] hard = [.. Enumerable.Range(0, 30).Select(i => $"Prove theorem {i} about the algorithm's complexity, derive the bound step by step and analyze every edge case.")];
        string[] easy = [.. Enumerable.Range(0, 30).Select(i => $"Name a colour, number {i}.")];

        int weakHardConfident = hard.Count(q => Ask("weak", q).Quality == AnswerQuality.Confident);
        int strongHardConfident = hard.Count(q => Ask("strong", q).Quality == AnswerQuality.Confident);
        int weakEasyConfident = easy.Count(q => Ask("weak", q).Quality == AnswerQuality.Confident);
        int weakHardWrong = hard.Count(q => Ask("weak", q).Quality == AnswerQuality.ConfidentlyWrong);

        weakHardConfident.ShouldBeLessThan(strongHardConfident);
        weakEasyConfident.ShouldBeGreaterThan(weakHardConfident);
        weakHardWrong.ShouldBeGreaterThan(0);
        hard.Select(q => Ask("weak", q)).Where(a => a.Quality == AnswerQuality.Hedged).ShouldAllBe(a => Hedges.Count(a.Text) >= 2);
    }

    [Fact]
    public void Generic_MultipleChoice_AnswersWithALetter()
    {
        SimulatedAnswer answer = Ask("strong", "Which is a prime?\nA: 4\nB: 6\nC: 7\nD: 9\nAnswer:");

        answer.Text.ShouldBeOneOf("A", "B", "C", "D");
        answer.Alternatives.Count.ShouldBe(3);
    }

    [Fact]
    public void Json_SchemaFormat_FollowsTheSchema()
    {
        JsonElement schema = JsonDocument.Parse("""{"type":"object","properties":{"answer":{"type":"string"},"confidence":{"type":"number"},"tags":{"type":"array","items":{"type":"string"}},"kind":{"enum":["faq","other"]}}}""").RootElement;

        SimulatedAnswer answer = Ask("strong", "What is your return policy?", format: ChatResponseFormat.ForJsonSchema(schema, "a"));

        using JsonDocument json = JsonDocument.Parse(answer.Text);
        json.RootElement.GetProperty("answer").GetString()!.ShouldContain("30 days");
        json.RootElement.GetProperty("confidence").GetDouble().ShouldBeInRange(0, 1);
        json.RootElement.GetProperty("tags").GetArrayLength().ShouldBe(1);
        json.RootElement.GetProperty("kind").GetString().ShouldBe("faq");
    }

    private SimulatedAnswer Ask(string model, string question, long seed = 0, string? system = null, IList<AITool>? tools = null, ChatResponseFormat? format = null) =>
        _engine.Answer(_models.Find(model)!, [new ChatMessage(ChatRole.User, question)], new ChatOptions { Seed = seed, Instructions = system, Tools = tools, ResponseFormat = format });
}
