using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests.Hosting;

public sealed class ModelProvidersResourceTests : IDisposable
{
    private readonly PreparedModel _model = new();

    public void Dispose() => _model.Dispose();

    [Fact]
    public void ModelProviders_WithoutKeys_PointBothProviderKindsAtTheSimulator()
    {
        var (builder, manifest) = _model.Builder();
        var simulator = builder.AddProject("simulator", _model.Project("simulator", manifest));
        var providers = builder.AddModelProviders("providers", simulator);
        var router = builder.AddProject("router", _model.Project("router", manifest)).WithReference(providers).WaitFor(providers);

        var environment = _model.Prepare(builder, manifest, router.Resource);

        var url = simulator.Resource.HttpEndpoint!.GetLeftPart(UriPartial.Authority);
        environment["Cascade__Providers__anthropic__Endpoint"].ShouldBe(url);
        environment["Cascade__Providers__anthropic__ApiKey"].ShouldBe("simulator");
        environment["Cascade__Providers__openai__Endpoint"].ShouldBe(url + "/v1");
        environment["Cascade__Providers__openai__ApiKey"].ShouldBe("simulator");
        providers.Resource.WaitsFor.ShouldBe([simulator.Resource]);
        providers.Resource.Notice!.ShouldStartWith($"model providers: the simulator at {url}");
    }

    [Fact]
    public void ModelProviders_WithAnAnthropicKey_PassTheKeyAndNothingElse()
    {
        var (builder, manifest) = _model.Builder(new() { ["ANTHROPIC_API_KEY"] = "sk-ant-test" });
        var simulator = builder.AddProject("simulator", _model.Project("simulator", manifest));
        var providers = builder.AddModelProviders("providers", simulator);
        var router = builder.AddProject("router", _model.Project("router", manifest)).WithReference(providers);

        var environment = _model.Prepare(builder, manifest, router.Resource);

        environment["ANTHROPIC_API_KEY"].ShouldBe("sk-ant-test");
        environment.Keys.ShouldNotContain(k => k.StartsWith("Cascade__Providers", StringComparison.Ordinal));
        environment.Keys.ShouldNotContain("OPENAI_API_KEY");
        providers.Resource.WaitsFor.ShouldBeEmpty();
        providers.Resource.Notice!.ShouldBe("model providers: real: Anthropic (ANTHROPIC_API_KEY)");
    }

    [Fact]
    public void ModelProviders_WithAnOpenAICompatibleEndpoint_PassItsUrlAndKey()
    {
        var (builder, manifest) = _model.Builder(new() { ["OPENAI_BASE_URL"] = "http://127.0.0.1:11434/v1", ["OPENAI_API_KEY"] = "sk-test" });
        var simulator = builder.AddProject("simulator", _model.Project("simulator", manifest));
        var providers = builder.AddModelProviders("providers", simulator);
        var router = builder.AddProject("router", _model.Project("router", manifest)).WithReference(providers);

        var environment = _model.Prepare(builder, manifest, router.Resource);

        environment["OPENAI_BASE_URL"].ShouldBe("http://127.0.0.1:11434/v1");
        environment["OPENAI_API_KEY"].ShouldBe("sk-test");
        environment.Keys.ShouldNotContain(k => k.StartsWith("Cascade__Providers", StringComparison.Ordinal));
        builder.ModelProviders.Mode.ShouldBe(ModelProviderMode.Real);
    }
}
