namespace Cascade.Tests.Configuration;

public class CascadeOptionsValidatorTests
{
    private static readonly string[] Kinds = ["regex-faq", "anthropic", "openai", "ollama"];

    [Fact]
    public void Validate_ValidLadder_Succeeds()
    {
        var options = new CascadeOptions
        {
            Tiers =
            [
                new TierOptions { Name = "faq", Kind = "regex-faq" },
                new TierOptions { Name = "haiku", Kind = "anthropic", Deployments = [new DeploymentOptions { Model = "claude-haiku-4-5-20251001" }] },
                new TierOptions { Name = "opus", Kind = "anthropic", Deployments = [new DeploymentOptions { Model = "claude-opus-4-7", Endpoint = "http://127.0.0.1:5000" }] },
            ],
        };

        new CascadeOptionsValidator(Kinds, PriceCatalog.LoadDefault()).Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Validate_ListsEveryErrorAtOnce()
    {
        var options = new CascadeOptions
        {
            Tiers =
            [
                new TierOptions { Name = "haiku", Kind = "antropic", Deployments = [new DeploymentOptions { Model = "claude-haiku-4-5-20251001" }] },
                new TierOptions { Name = "haiku", Kind = "anthropic" },
                new TierOptions
                {
                    Name = "",
                    Kind = "openai",
                    Deployments =
                    [
                        new DeploymentOptions { Model = "", Endpoint = "ftp://x", ContextWindow = 0 },
                        new DeploymentOptions { Model = "unpriced-model", MaxOutputTokens = 0 },
                        new DeploymentOptions { Model = "cheap", Price = new PriceOptions { Input = -1, Output = 1 } },
                    ],
                },
            ],
            PriceFile = "/no/such/prices.json",
        };

        IReadOnlyList<string> errors = new CascadeOptionsValidator(Kinds, PriceCatalog.LoadDefault()).Collect(options);

        errors.ShouldBe(
        [
            "Cascade:Tiers:0:Kind 'antropic' is not a registered tier kind; known kinds: anthropic, ollama, openai, regex-faq.",
            "Cascade:Tiers:1:Name 'haiku' is used by another tier; tier names must be unique.",
            "Cascade:Tiers:1:Deployments is empty: a 'anthropic' tier needs at least one deployment.",
            "Cascade:Tiers:2:Name is required.",
            "Cascade:Tiers:2:Deployments:0:Model is required.",
            "Cascade:Tiers:2:Deployments:0:Endpoint 'ftp://x' is not an absolute http or https URL.",
            "Cascade:Tiers:2:Deployments:0:ContextWindow must be positive.",
            "Cascade:Tiers:2:Deployments:1:MaxOutputTokens must be positive.",
            "Cascade:Tiers:2:Deployments:1: no price is known for model 'unpriced-model'; add it to the price file or set Cascade:Tiers:2:Deployments:1:Price.",
            "Cascade:Tiers:2:Deployments:2:Price has a negative value; prices are USD per million tokens, zero or more.",
            "Cascade:PriceFile '/no/such/prices.json' does not exist.",
        ]);
    }

    [Fact]
    public void Validate_NoTiers_Fails() =>
        new CascadeOptionsValidator().Validate(null, new CascadeOptions()).FailureMessage!.ShouldContain("Cascade:Tiers is empty");
}
