using Cascade.AppHost.Hosting;
using Microsoft.Extensions.Configuration;

namespace Cascade.AppHost.Tests.Hosting;

/// <summary>What each resource's process receives, computed without starting anything.</summary>
public sealed class EnvironmentInjectionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cascade-apphost-env-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ReferencedProject_IsInjectedAsAServiceDiscoveryAddress()
    {
        var (builder, manifest) = Builder();
        var verifier = builder.AddProject("verifier", Project("verifier", manifest));
        var router = builder.AddProject("router", Project("router", manifest)).WithReference(verifier);

        var environment = Prepare(builder, manifest, router.Resource);

        environment[$"services__verifier__http__0"].ShouldBe(verifier.Resource.HttpEndpoint!.GetLeftPart(UriPartial.Authority));
        environment["services__verifier__http__0"].ShouldStartWith("http://127.0.0.1:");
        environment["OTEL_SERVICE_NAME"].ShouldBe("router");
        environment.Keys.ShouldNotContain("OTEL_EXPORTER_OTLP_ENDPOINT");
    }

    [Fact]
    public void OtlpEndpoint_IsInjectedOnlyWhenConfigured()
    {
        var (builder, manifest) = Builder();
        var router = builder.AddProject("router", Project("router", manifest));
        var environment = new ResourceEnvironment("http://127.0.0.1:4318", "http/protobuf");
        builder.Build();
        Prepare(builder, manifest, router.Resource);

        var variables = environment.For(router.Resource);

        variables["OTEL_EXPORTER_OTLP_ENDPOINT"].ShouldBe("http://127.0.0.1:4318");
        variables["OTEL_EXPORTER_OTLP_PROTOCOL"].ShouldBe("http/protobuf");
        variables["OTEL_SERVICE_NAME"].ShouldBe("router");
    }

    [Fact]
    public void ReferencedRedis_IsInjectedAsAConnectionStringToTheServerTheAppHostRuns()
    {
        var fakeRedis = FakeExecutable("redis-server");
        var (builder, manifest) = Builder(new() { ["AppHost:RedisServer"] = fakeRedis });
        var redis = builder.AddRedis("redis");
        var router = builder.AddProject("router", Project("router", manifest)).WithReference(redis);

        var environment = Prepare(builder, manifest, router.Resource);

        environment["ConnectionStrings__redis"].ShouldBe($"127.0.0.1:{redis.Resource.Port},abortConnect=false");
        var launch = redis.Resource.CreateLaunch(new Dictionary<string, string>(), builder.Options).ShouldNotBeNull();
        launch.FileName.ShouldBe(fakeRedis);
        launch.Arguments.ShouldBe(["--port", redis.Resource.Port.ToString()!, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", redis.Resource.DataDirectory!]);
        redis.Resource.DataDirectory!.ShouldStartWith(Path.GetFullPath(builder.Options.StateDirectory, builder.ProjectDirectory));
        launch.ReadyLine.ShouldBe("Ready to accept connections");
    }

    [Fact]
    public void ExternalRedis_IsInjectedAsConfiguredAndNotStarted()
    {
        var (builder, manifest) = Builder(new() { ["ConnectionStrings:redis"] = "cache.internal:6380,password=x" });
        var redis = builder.AddRedis("redis");
        var router = builder.AddProject("router", Project("router", manifest)).WithReference(redis);

        var environment = Prepare(builder, manifest, router.Resource);

        environment["ConnectionStrings__redis"].ShouldBe("cache.internal:6380,password=x");
        redis.Resource.IsExternal.ShouldBeTrue();
        redis.Resource.CreateLaunch(new Dictionary<string, string>(), builder.Options).ShouldBeNull();
    }

    [Fact]
    public void MissingRedisServer_InjectsNoConnectionStringAndSaysHowToInstallIt()
    {
        var (builder, manifest) = Builder(new() { ["AppHost:RedisServer"] = "redis-server-that-is-not-installed" });
        var redis = builder.AddRedis("redis");
        var router = builder.AddProject("router", Project("router", manifest)).WithReference(redis);

        var environment = Prepare(builder, manifest, router.Resource);

        environment.Keys.ShouldNotContain("ConnectionStrings__redis");
        redis.Resource.SkipReason.ShouldNotBeNull();
        redis.Resource.Notice.ShouldNotBeNull();
        redis.Resource.Notice.ShouldContain("in-memory state");
        redis.Resource.Notice.ShouldContain("sudo apt-get install redis-server");
    }

    [Fact]
    public void AbsentOptionalProject_IsSkippedAndInjectsNothing()
    {
        var (builder, manifest) = Builder();
        var demo = builder.AddOptionalProject("support-chat", Path.Combine(_folder, "absent", "Demo.csproj"));
        var router = builder.AddProject("router", Project("router", manifest)).WithReference(demo);

        var environment = Prepare(builder, manifest, router.Resource);

        demo.Resource.SkipReason.ShouldBe("project absent");
        demo.Resource.Notice!.ShouldContain(Path.Combine(_folder, "absent", "Demo.csproj"));
        environment.Keys.ShouldNotContain(k => k.StartsWith("services__support-chat", StringComparison.Ordinal));
    }

    [Fact]
    public void ResourceEnvironment_WinsOverInjectedValues()
    {
        var (builder, manifest) = Builder();
        var router = builder.AddProject("router", Project("router", manifest))
            .WithEnvironment("OTEL_SERVICE_NAME", "gateway")
            .WithEnvironment("Cascade__Tiers__0__Name", "haiku");

        var environment = Prepare(builder, manifest, router.Resource);

        environment["OTEL_SERVICE_NAME"].ShouldBe("gateway");
        environment["Cascade__Tiers__0__Name"].ShouldBe("haiku");
    }

    [Fact]
    public void ProjectLaunch_RunsTheBuiltDllOnItsPort()
    {
        var (builder, manifest) = Builder(new() { ["AppHost:Resources:router:Port"] = FreePort().ToString() });
        var router = builder.AddProject("router", Project("router", manifest));
        Prepare(builder, manifest, router.Resource);

        var launch = router.Resource.CreateLaunch(new Dictionary<string, string> { ["OTEL_SERVICE_NAME"] = "router" }, builder.Options).ShouldNotBeNull();

        var url = router.Resource.HttpEndpoint!.GetLeftPart(UriPartial.Authority);
        url.ShouldBe($"http://127.0.0.1:{builder.Options.Resources["router"].Port}");
        Path.GetFileName(launch.FileName).ShouldStartWith("dotnet");
        launch.Arguments.ShouldBe([router.Resource.OutputPath!, "--urls", url]);
        launch.WorkingDirectory.ShouldBe(Path.GetDirectoryName(router.Resource.OutputPath));
        launch.HealthUrl.ShouldBe(new Uri(url + "/health"));
        launch.Environment["ASPNETCORE_URLS"].ShouldBe(url);
        launch.Environment["ASPNETCORE_ENVIRONMENT"].ShouldBe("Development");
        launch.Environment["OTEL_SERVICE_NAME"].ShouldBe("router");
    }

    [Fact]
    public void Projects_GetDistinctFreePorts()
    {
        var (builder, manifest) = Builder();
        var projects = Enumerable.Range(0, 5).Select(i => builder.AddProject($"service{i}", Project($"service{i}", manifest))).ToList();

        Prepare(builder, manifest, projects[0].Resource);

        projects.Select(p => p.Resource.HttpEndpoint!.Port).Distinct().Count().ShouldBe(5);
    }

    [Fact]
    public void ModelProviders_WithoutKeys_PointBothProviderKindsAtTheSimulator()
    {
        var (builder, manifest) = Builder();
        var simulator = builder.AddProject("simulator", Project("simulator", manifest));
        var providers = builder.AddModelProviders("providers", simulator);
        var router = builder.AddProject("router", Project("router", manifest)).WithReference(providers).WaitFor(providers);

        var environment = Prepare(builder, manifest, router.Resource);

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
        var (builder, manifest) = Builder(new() { ["ANTHROPIC_API_KEY"] = "sk-ant-test" });
        var simulator = builder.AddProject("simulator", Project("simulator", manifest));
        var providers = builder.AddModelProviders("providers", simulator);
        var router = builder.AddProject("router", Project("router", manifest)).WithReference(providers);

        var environment = Prepare(builder, manifest, router.Resource);

        environment["ANTHROPIC_API_KEY"].ShouldBe("sk-ant-test");
        environment.Keys.ShouldNotContain(k => k.StartsWith("Cascade__Providers", StringComparison.Ordinal));
        environment.Keys.ShouldNotContain("OPENAI_API_KEY");
        providers.Resource.WaitsFor.ShouldBeEmpty();
        providers.Resource.Notice!.ShouldBe("model providers: real: Anthropic (ANTHROPIC_API_KEY)");
    }

    [Fact]
    public void ModelProviders_WithAnOpenAICompatibleEndpoint_PassItsUrlAndKey()
    {
        var (builder, manifest) = Builder(new() { ["OPENAI_BASE_URL"] = "http://127.0.0.1:11434/v1", ["OPENAI_API_KEY"] = "sk-test" });
        var simulator = builder.AddProject("simulator", Project("simulator", manifest));
        var providers = builder.AddModelProviders("providers", simulator);
        var router = builder.AddProject("router", Project("router", manifest)).WithReference(providers);

        var environment = Prepare(builder, manifest, router.Resource);

        environment["OPENAI_BASE_URL"].ShouldBe("http://127.0.0.1:11434/v1");
        environment["OPENAI_API_KEY"].ShouldBe("sk-test");
        environment.Keys.ShouldNotContain(k => k.StartsWith("Cascade__Providers", StringComparison.Ordinal));
        builder.ModelProviders.Mode.ShouldBe(ModelProviderMode.Real);
    }

    [Fact]
    public void ModelProviders_WithAKeyButNoBaseUrl_UseTheSimulatorAndSaySo()
    {
        var selection = ModelProviderSelection.Detect(Configuration(new() { ["OPENAI_API_KEY"] = "sk-test" }));

        selection.Mode.ShouldBe(ModelProviderMode.Simulator);
        selection.Warning!.ShouldContain("OPENAI_BASE_URL");
    }

    [Fact]
    public void ModelProviders_RejectABaseUrlThatIsNotAUrl()
    {
        Should.Throw<DistributedApplicationException>(() => ModelProviderSelection.Detect(Configuration(new() { ["OPENAI_BASE_URL"] = "localhost:8080", ["OPENAI_API_KEY"] = "k" })))
            .Message.ShouldContain("OPENAI_BASE_URL must be an absolute http(s) URL");
    }

    [Fact]
    public void ConfiguredPortInUse_IsAnErrorNamingTheResourceAndSetting()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;

        var ex = Should.Throw<DistributedApplicationException>(() => new PortAllocator().Allocate("router", port));

        ex.Message.ShouldContain($"Port {port} for resource 'router' is in use");
        ex.Message.ShouldContain("AppHost:Resources:router:Port");
    }

    [Fact]
    public void SameConfiguredPortTwice_IsAnError()
    {
        var allocator = new PortAllocator();
        var port = FreePort();
        allocator.Allocate("router", port);

        Should.Throw<DistributedApplicationException>(() => allocator.Allocate("verifier", port)).Message.ShouldContain("already given");
    }

    private (DistributedApplicationBuilder Builder, Dictionary<string, string> Manifest) Builder(Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["AppHost:StateDirectory"] = Path.Combine(_folder, "state") };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        return (new DistributedApplicationBuilder(Configuration(values), _folder, new CapturedOutput(), new ProjectOutputManifest([], "none")), []);
    }

    // A project file and a built dll in the temporary folder, recorded in the manifest used by Prepare.
    private string Project(string name, Dictionary<string, string> manifest)
    {
        var project = Path.Combine(_folder, name, $"{name}.csproj");
        var dll = Path.Combine(_folder, name, "bin", $"{name}.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(dll)!);
        File.WriteAllText(project, "<Project />");
        File.WriteAllText(dll, "");
        manifest[project] = dll;
        return project;
    }

    private IReadOnlyDictionary<string, string> Prepare(DistributedApplicationBuilder builder, Dictionary<string, string> manifest, Resource target)
    {
        var context = new ResourcePreparationContext(
            builder.Configuration,
            builder.Options,
            builder.ProjectDirectory,
            Path.GetFullPath(builder.Options.StateDirectory, builder.ProjectDirectory),
            new PortAllocator(),
            new ProjectOutputManifest(manifest, "test"));
        foreach (var resource in StartupOrder.Of(builder.Resources))
        {
            resource.Prepare(context);
        }

        return new ResourceEnvironment().For(target);
    }

    private string FakeExecutable(string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
