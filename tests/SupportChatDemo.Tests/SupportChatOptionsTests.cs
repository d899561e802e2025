using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cascade.SupportChatDemo.Tests;

public sealed class SupportChatOptionsTests
{
    [Fact]
    public void WithoutRouterKey_ValidationNamesTheSetting()
    {
        OptionsValidationException ex = Should.Throw<OptionsValidationException>(() => Options(new() { ["services:router:http:0"] = "http://127.0.0.1:9" }));

        ex.Message.ShouldContain("SupportChat:RouterApiKey");
    }

    [Fact]
    public void WithoutRouterAddress_ValidationNamesTheSetting()
    {
        OptionsValidationException ex = Should.Throw<OptionsValidationException>(() => Options(new() { ["SupportChat:RouterApiKey"] = "k" }));

        ex.Message.ShouldContain("services:router:http:0");
    }

    [Fact]
    public void RouterAddress_ComesFromServiceDiscoveryConfiguration_UnlessSetExplicitly()
    {
        Options(new() { ["SupportChat:RouterApiKey"] = "k", ["services:router:http:0"] = "http://127.0.0.1:5000" })
            .RouterEndpoint.ShouldBe(new Uri("http://127.0.0.1:5000"));
        Options(new() { ["SupportChat:RouterApiKey"] = "k", ["services:router:http:0"] = "http://127.0.0.1:5000", ["SupportChat:RouterEndpoint"] = "http://127.0.0.1:6000" })
            .RouterEndpoint.ShouldBe(new Uri("http://127.0.0.1:6000"));
    }

    [Theory]
    [InlineData("SupportChat:MaxMessageLength", "0")]
    [InlineData("SupportChat:MaxHistoryMessages", "-1")]
    [InlineData("SupportChat:RouterTimeout", "00:00:00")]
    [InlineData("SupportChat:Model", "")]
    public void OutOfRangeSettings_FailValidation(string key, string value)
    {
        OptionsValidationException ex = Should.Throw<OptionsValidationException>(() =>
            Options(new() { ["SupportChat:RouterApiKey"] = "k", ["services:router:http:0"] = "http://127.0.0.1:5000", [key] = value }));

        ex.Message.ShouldContain(key.Split(':')[1]);
    }

    private static SupportChatOptions Options(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        ServiceCollection services = new();
        services.AddLogging();
        services.AddSupportChat(configuration);
        using ServiceProvider provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SupportChatOptions>>().Value;
    }
}
