using Cascade.Hosting.ModelProviders;

namespace Cascade.AppHost.Tests.Hosting.ModelProviders;

public sealed class ModelProviderSelectionTests
{
    [Fact]
    public void NoProviderSetting_SelectsTheSimulator()
    {
        ModelProviderSelection selection = ModelProviderSelection.Detect(Builder());

        selection.UsesSimulator.ShouldBeTrue();
        selection.Description.ShouldStartWith("the simulator");
        selection.Warning.ShouldBeNull();
    }

    [Fact]
    public void AnAnthropicKeyParameter_SelectsRealProviders_AsASecretParameter()
    {
        IDistributedApplicationBuilder builder = Builder("--Parameters:anthropic-api-key=sk-ant-test");

        ModelProviderSelection selection = ModelProviderSelection.Detect(builder);

        selection.UsesSimulator.ShouldBeFalse();
        selection.Description.ShouldBe("real providers: Anthropic");
        selection.AnthropicApiKey.ShouldNotBeNull().Resource.Secret.ShouldBeTrue();
        builder.Resources.OfType<ParameterResource>().ShouldContain(p => p.Name == ModelProviderSelection.AnthropicApiKeyParameter);
    }

    [Fact]
    public void AnOpenAIKeyWithoutABaseUrl_IsNotUsed_AndSaysWhatIsMissing()
    {
        ModelProviderSelection selection = ModelProviderSelection.Detect(Builder("--Parameters:openai-api-key=sk-test"));

        selection.UsesSimulator.ShouldBeTrue();
        selection.Warning.ShouldNotBeNull().ShouldContain("set openai-base-url");
    }

    [Fact]
    public void ABaseUrlThatIsNotAnAbsoluteHttpUrl_StopsTheStart_SayingWhatToFix()
    {
        var ex = Should.Throw<DistributedApplicationException>(() =>
            ModelProviderSelection.Detect(Builder("--Parameters:openai-base-url=api.openai.com", "--Parameters:openai-api-key=sk-test")));

        ex.Message.ShouldContain("must be an absolute http(s) URL");
    }

    private static IDistributedApplicationBuilder Builder(params string[] args) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, DisableDashboard = true });
}
