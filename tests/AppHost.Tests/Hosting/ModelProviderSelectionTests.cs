using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests.Hosting;

public sealed class ModelProviderSelectionTests
{
    [Fact]
    public void ModelProviders_WithAKeyButNoBaseUrl_UseTheSimulatorAndSaySo()
    {
        var selection = ModelProviderSelection.Detect(PreparedModel.Configuration(new() { ["OPENAI_API_KEY"] = "sk-test" }));

        selection.Mode.ShouldBe(ModelProviderMode.Simulator);
        selection.Warning!.ShouldContain("OPENAI_BASE_URL");
    }

    [Fact]
    public void ModelProviders_RejectABaseUrlThatIsNotAUrl()
    {
        Should.Throw<DistributedApplicationException>(() => ModelProviderSelection.Detect(PreparedModel.Configuration(new() { ["OPENAI_BASE_URL"] = "localhost:8080", ["OPENAI_API_KEY"] = "k" })))
            .Message.ShouldContain("OPENAI_BASE_URL must be an absolute http(s) URL");
    }
}
