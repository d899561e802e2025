using Microsoft.Extensions.Options;

namespace Cascade.SupportChatDemo.Tests;

public sealed class SupportChatOptionsTests
{
    [Fact]
    public void Startup_WithoutRouterKey_FailsNamingTheSetting()
    {
        using SupportChatFactory factory = new(new Uri("http://127.0.0.1:9"), apiKey: "");

        OptionsValidationException ex = Should.Throw<OptionsValidationException>(() => factory.CreateClient());

        ex.Message.ShouldContain("SupportChat:RouterApiKey");
    }

    [Fact]
    public void Startup_WithoutRouterAddress_FailsNamingTheSetting()
    {
        using SupportChatFactory factory = new(routerAddress: null);

        OptionsValidationException ex = Should.Throw<OptionsValidationException>(() => factory.CreateClient());

        ex.Message.ShouldContain("services:router:http:0");
    }
}
