using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests.Hosting;

public sealed class ProjectResourceTests : IDisposable
{
    private readonly PreparedModel _model = new();

    public void Dispose() => _model.Dispose();

    [Fact]
    public void ProjectLaunch_RunsTheBuiltDllOnItsPort()
    {
        var (builder, manifest) = _model.Builder(new() { ["AppHost:Resources:router:Port"] = PreparedModel.FreePort().ToString() });
        var router = builder.AddProject("router", _model.Project("router", manifest));
        _model.Prepare(builder, manifest, router.Resource);

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
        var (builder, manifest) = _model.Builder();
        var projects = Enumerable.Range(0, 5).Select(i => builder.AddProject($"service{i}", _model.Project($"service{i}", manifest))).ToList();

        _model.Prepare(builder, manifest, projects[0].Resource);

        projects.Select(p => p.Resource.HttpEndpoint!.Port).Distinct().Count().ShouldBe(5);
    }
}
