using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests.Hosting;

public sealed class ProjectOutputManifestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cascade-manifest-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Resolve_AMissingProject_NamesItsPath()
    {
        var missing = Path.Combine(_folder, "src", "Router", "Cascade.Router.csproj");

        var ex = Should.Throw<DistributedApplicationException>(() => new ProjectOutputManifest([], "test").Resolve("router", missing));

        ex.Message.ShouldContain($"'router' was not found at {missing}");
    }

    [Fact]
    public void Resolve_AProjectTheAppHostDoesNotBuild_SaysHowToAddIt()
    {
        var project = Path.Combine(_folder, "Router.csproj");
        File.WriteAllText(project, "<Project />");

        var ex = Should.Throw<DistributedApplicationException>(() => new ProjectOutputManifest([], "test").Resolve("router", project));

        ex.Message.ShouldContain("ReferenceOutputAssembly=\"false\"");
    }

    [Fact]
    public void Resolve_AProjectNotBuiltYet_SaysToBuild()
    {
        var project = Path.Combine(_folder, "Router.csproj");
        File.WriteAllText(project, "<Project />");
        var dll = Path.Combine(_folder, "bin", "Router.dll");

        var ex = Should.Throw<DistributedApplicationException>(() => new ProjectOutputManifest([new(project, dll)], "test").Resolve("router", project));

        ex.Message.ShouldContain($"{dll} is missing");
    }

    [Fact]
    public void Load_ReadsTheFileTheBuildWrites()
    {
        var project = Path.Combine(_folder, "Router.csproj");
        var dll = Path.Combine(_folder, "Router.dll");
        File.WriteAllText(project, "<Project />");
        File.WriteAllText(dll, "");
        File.WriteAllLines(Path.Combine(_folder, ProjectOutputManifest.FileName), [$"{project}\t{dll}", "", "garbage"]);

        var manifest = ProjectOutputManifest.Load(_folder);

        manifest.Resolve("router", project).ShouldBe(dll);
        manifest.Projects.ShouldHaveSingleItem();
    }

    [Fact]
    public void Load_OfThisTestProject_KnowsTheTestServiceItBuilds()
    {
        var manifest = ProjectOutputManifest.Load(AppContext.BaseDirectory);

        var dll = manifest.Resolve("test", TestHost.TestServiceProject);

        Path.GetFileName(dll).ShouldBe("Cascade.TestService.dll");
        File.Exists(dll).ShouldBeTrue();
    }
}
