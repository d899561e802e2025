namespace Cascade.Tests.Configuration;

public class ModelChainEnvironmentTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] pairs) =>
        key => pairs.FirstOrDefault(p => p.Key == key).Value;

    [Fact]
    public void Parse_Unset_IsNull() => ModelChainEnvironment.Parse(Env()).ShouldBeNull();

    [Fact]
    public void Parse_DefaultsToOneFallbackTierInChainOrder()
    {
        List<TierOptions> tiers = ModelChainEnvironment.Parse(Env(
            ("MODEL_CHAIN", "claude-opus-4-7, claude-sonnet-4-6,claude-haiku-4-5-20251001"),
            ("MODEL_COSTS", "claude-opus-4-7:5.00:25.00,claude-sonnet-4-6:3.00:15.00,claude-haiku-4-5-20251001:0.80:4.00")))!;

        TierOptions tier = tiers.ShouldHaveSingleItem();
        tier.Name.ShouldBe("chain");
        tier.Kind.ShouldBe("anthropic");
        tier.Deployments.Select(d => d.Model).ShouldBe(["claude-opus-4-7", "claude-sonnet-4-6", "claude-haiku-4-5-20251001"]);
        tier.Deployments[2].Price!.Input.ShouldBe(0.80m);
        tier.Deployments[2].Price!.ToPriceTable().CacheReadPerMillion.ShouldBe(0.08m);
        tier.Deployments[0].ApiKeyVariable.ShouldBe("ANTHROPIC_API_KEY");
    }

    [Fact]
    public void Parse_CascadeMode_MakesATierPerModel()
    {
        List<TierOptions> tiers = ModelChainEnvironment.Parse(Env(("MODEL_CHAIN", "gpt-4o-mini,llama3:70b"), ("MODEL_CHAIN_MODE", "cascade"), ("MODEL_COSTS", "llama3:70b:0.5:0.7")))!;

        tiers.Select(t => (t.Name, t.Kind)).ShouldBe([("gpt-4o-mini", "openai"), ("llama3:70b", "openai")]);
        tiers[1].Deployments[0].Price!.Output.ShouldBe(0.7m);
        tiers[0].Deployments[0].Price.ShouldBeNull("unpriced models fall back to the price file");
    }

    [Fact]
    public void Parse_ListsEveryProblem()
    {
        var ex = Should.Throw<FormatException>(() => ModelChainEnvironment.Parse(Env(
            ("MODEL_CHAIN", "a,a"),
            ("MODEL_COSTS", "a:1,b:x:2,c:-1:1"),
            ("MODEL_CHAIN_MODE", "sideways"))));

        ex.Message.ShouldContain("MODEL_CHAIN names 'a' twice.");
        ex.Message.ShouldContain("MODEL_COSTS entry 'a:1' is not model:input:output.");
        ex.Message.ShouldContain("MODEL_COSTS entry 'b:x:2' needs two prices");
        ex.Message.ShouldContain("MODEL_COSTS entry 'c:-1:1' needs two prices");
        ex.Message.ShouldContain("MODEL_CHAIN_MODE is 'sideways'");
    }
}
