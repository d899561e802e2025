using Cascade.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Cascading;

public sealed class CascadeServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _faqFile = Path.Combine(Path.GetTempPath(), $"faq-{Guid.NewGuid():N}.json");

    public CascadeServiceCollectionExtensionsTests() =>
        File.WriteAllText(_faqFile, """[{"pattern": "(business|office)\\s*hours?", "answer": "Monday to Friday, 9 to 6."}]""");

    public void Dispose() => File.Delete(_faqFile);

    private ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? extra = null)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        extra?.Invoke(services);
        services.AddCascade(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task AddCascade_BuildsTheLadderFromConfiguration()
    {
        using ServiceProvider provider = Build(new()
        {
            ["Cascade:Preset"] = "three-tier",
            ["Cascade:Tiers:0:Name"] = "faq",
            ["Cascade:Tiers:0:Kind"] = "regex-faq",
            ["Cascade:Tiers:0:Settings:FaqFile"] = _faqFile,
            ["Cascade:Tiers:1:Name"] = "haiku",
            ["Cascade:Tiers:1:Kind"] = "anthropic",
            ["Cascade:Tiers:1:Deployments:0:Model"] = "claude-haiku-4-5-20251001",
            ["Cascade:Tiers:1:Deployments:0:Endpoint"] = "http://simulator",
            ["Cascade:Tiers:1:Deployments:0:ApiKey"] = "k",
            ["Cascade:Tiers:1:Deployments:1:Model"] = "gpt-4o-mini",
            ["Cascade:Tiers:1:Deployments:1:Provider"] = "openai",
            ["Cascade:Tiers:1:Deployments:1:Endpoint"] = "http://simulator/v1",
            ["Cascade:Tiers:1:Deployments:1:ApiKey"] = "k",
            ["Cascade:Tiers:2:Name"] = "opus",
            ["Cascade:Tiers:2:Kind"] = "anthropic",
            ["Cascade:Tiers:2:Deployments:0:Model"] = "claude-opus-4-7",
            ["Cascade:Providers:anthropic:ApiKey"] = "default-key",
            ["Cascade:Limits:MaxCost"] = "0.05",
            ["services:simulator:http:0"] = "http://127.0.0.1:5999",
        });

        CascadeModel model = provider.GetRequiredService<CascadeModel>();
        model.Tiers.Select(t => t.Name).ShouldBe(["faq", "haiku", "opus"]);
        model.Tiers[1].Deployments.Select(d => (d.Provider, d.Model)).ShouldBe([("anthropic", "claude-haiku-4-5-20251001"), ("openai", "gpt-4o-mini")]);
        model.Tiers[1].Primary.Price.ShouldBe(PriceTable.WithAnthropicCaching(1, 5));
        model.Ladder.Rungs[1].Gates.Select(g => g.Name).ShouldBe(["cut-off", "unsure", "hedging"]);

        IChatClient client = provider.GetRequiredService<IChatClient>();
        CascadeChatClient cascade = client.GetService<CascadeChatClient>().ShouldNotBeNull();
        cascade.DefaultLimits.MaxCost.ShouldBe(0.05m);
        ChatResponse response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "What are your office hours?")]);
        response.Text.ShouldBe("Monday to Friday, 9 to 6.");
        response.GetCascadeRoute()!.ResolvedTier.ShouldBe("faq");
    }

    [Fact]
    public void AddCascade_ListsEveryConfigurationErrorAtOnce()
    {
        using ServiceProvider provider = Build(new()
        {
            ["Cascade:Preset"] = "four-tier",
            ["Cascade:Tiers:0:Name"] = "haiku",
            ["Cascade:Tiers:0:Kind"] = "anthropc",
            ["Cascade:Tiers:1:Name"] = "haiku",
            ["Cascade:Tiers:1:Kind"] = "openai",
            ["Cascade:Tiers:1:Deployments:0:Model"] = "no-such-model",
            ["Cascade:Limits:MaxModelCalls"] = "0",
        });

        OptionsValidationException error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CascadeOptions>>().Value);

        string message = string.Join("\n", error.Failures);
        message.ShouldContain("Cascade:Preset 'four-tier' is not a preset");
        message.ShouldContain("Cascade:Tiers:0:Kind 'anthropc' is not a registered tier kind");
        message.ShouldContain("Cascade:Tiers:1:Name 'haiku' is used by another tier");
        message.ShouldContain("no price is known for model 'no-such-model'");
        message.ShouldContain("Cascade:Limits:MaxModelCalls must be at least 1");
    }

    [Fact]
    public async Task AddCascade_AcceptsAThirdPartyTierKind()
    {
        using ServiceProvider provider = Build(new()
        {
            ["Cascade:Tiers:0:Name"] = "echo",
            ["Cascade:Tiers:0:Kind"] = "echo",
            ["Cascade:Tiers:0:Deployments:0:Model"] = "echo-1",
            ["Cascade:Tiers:0:Deployments:0:Price:Input"] = "0.5",
            ["Cascade:Tiers:0:Deployments:0:Price:Output"] = "1",
        }, services => services.AddTierKind<EchoTierKind>());

        ChatResponse response = await provider.GetRequiredService<IChatClient>().GetResponseAsync([new ChatMessage(ChatRole.User, "ping")]);

        response.Text.ShouldBe("echo: ping");
        response.GetCascadeRoute()!.Attempts.Single().Cost.ShouldBe(new PriceTable(0.5m, 1m, 0.625m, 0.05m).CostOf(10, 5));
    }

    [Fact]
    public void ServiceEndpoints_ResolveInjectedAddresses()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:simulator:http:0"] = "http://127.0.0.1:5999",
            ["services:verifier:https:0"] = "https://127.0.0.1:6001",
        }).Build();

        ServiceEndpoints.Resolve("http://simulator/v1", configuration)!.ToString().ShouldBe("http://127.0.0.1:5999/v1");
        ServiceEndpoints.Resolve("https+http://verifier", configuration)!.ToString().ShouldBe("https://127.0.0.1:6001/");
        ServiceEndpoints.Resolve("https://api.anthropic.com", configuration)!.Host.ShouldBe("api.anthropic.com");
        Should.Throw<InvalidOperationException>(() => ServiceEndpoints.Resolve("https+http://router", configuration)).Message.ShouldContain("services:router:http:0");
    }

    /// <summary>The worked example of a third-party tier kind (see src/Tiers/README.md).</summary>
    private sealed class EchoTierKind : ITierKind
    {
        public string Name => "echo";

        public IChatClient CreateClient(TierKindContext context) =>
            new TestChatClient { ModelId = context.Deployment.Model }.ThenRespond((messages, _) => ChatResponses.Text("echo: " + messages[^1].Text));
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData(null, "true", true)]
    [InlineData("false", "true", false)]
    [InlineData("true", null, true)]
    public void AddCascadeCore_CapturesMessageContentOnlyWhenAskedTo(string? setting, string? variable, bool captured)
    {
        var values = new Dictionary<string, string?>();
        if (setting is not null)
        {
            values[CascadeServiceCollectionExtensions.CaptureMessageContentKey] = setting;
        }

        if (variable is not null)
        {
            values[CascadeServiceCollectionExtensions.CaptureMessageContentVariable] = variable;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddCascadeCore(configuration);
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<CascadeTelemetry>().CaptureContent.ShouldBe(captured);
    }
}
