using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests.Hosting;

/// <summary>What each resource's process receives, computed without starting anything.</summary>
public sealed class ResourceEnvironmentTests : IDisposable
{
    private readonly PreparedModel _model = new();

    public void Dispose() => _model.Dispose();

    [Fact]
    public void ReferencedProject_IsInjectedAsAServiceDiscoveryAddress()
    {
        var (builder, manifest) = _model.Builder();
        var verifier = builder.AddProject("verifier", _model.Project("verifier", manifest));
        var router = builder.AddProject("router", _model.Project("router", manifest)).WithReference(verifier);

        var environment = _model.Prepare(builder, manifest, router.Resource);

        environment[$"services__verifier__http__0"].ShouldBe(verifier.Resource.HttpEndpoint!.GetLeftPart(UriPartial.Authority));
        environment["services__verifier__http__0"].ShouldStartWith("http://127.0.0.1:");
        environment["OTEL_SERVICE_NAME"].ShouldBe("router");
        environment.Keys.ShouldNotContain("OTEL_EXPORTER_OTLP_ENDPOINT");
    }

    [Fact]
    public void OtlpEndpoint_IsInjectedOnlyWhenConfigured()
    {
        var (builder, manifest) = _model.Builder();
        var router = builder.AddProject("router", _model.Project("router", manifest));
        var environment = new ResourceEnvironment("http://127.0.0.1:4318", "http/protobuf");
        builder.Build();
        _model.Prepare(builder, manifest, router.Resource);

        var variables = environment.For(router.Resource);

        variables["OTEL_EXPORTER_OTLP_ENDPOINT"].ShouldBe("http://127.0.0.1:4318");
        variables["OTEL_EXPORTER_OTLP_PROTOCOL"].ShouldBe("http/protobuf");
        variables["OTEL_SERVICE_NAME"].ShouldBe("router");
    }

    [Fact]
    public void ResourceEnvironment_WinsOverInjectedValues()
    {
        var (builder, manifest) = _model.Builder();
        var router = builder.AddProject("router", _model.Project("router", manifest))
            .WithEnvironment("OTEL_SERVICE_NAME", "gateway")
            .WithEnvironment("Cascade__Tiers__0__Name", "haiku");

        var environment = _model.Prepare(builder, manifest, router.Resource);

        environment["OTEL_SERVICE_NAME"].ShouldBe("gateway");
        environment["Cascade__Tiers__0__Name"].ShouldBe("haiku");
    }

    [Fact]
    public void AbsentOptionalProject_IsSkippedAndInjectsNothing()
    {
        var (builder, manifest) = _model.Builder();
        var demo = builder.AddOptionalProject("support-chat", Path.Combine(_model.Folder, "absent", "Demo.csproj"));
        var router = builder.AddProject("router", _model.Project("router", manifest)).WithReference(demo);

        var environment = _model.Prepare(builder, manifest, router.Resource);

        demo.Resource.SkipReason.ShouldBe("project absent");
        demo.Resource.Notice!.ShouldContain(Path.Combine(_model.Folder, "absent", "Demo.csproj"));
        environment.Keys.ShouldNotContain(k => k.StartsWith("services__support-chat", StringComparison.Ordinal));
    }
}
