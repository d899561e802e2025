using Cascade.AppHost.Console;

namespace Cascade.AppHost.Tests.Console;

public sealed class RunSummaryTests
{
    [Fact]
    public void Render_GivesTheDashboardRouterKeyAndLinesToPaste()
    {
        var summary = new RunSummary
        {
            DashboardUrl = "http://localhost:15888/login?t=abc",
            RouterUrl = new Uri("http://localhost:5100"),
            AppUrl = new Uri("http://localhost:5200"),
            RouterApiKey = "KEY123",
            Notices = ["redis: redis-server was not found on PATH ... Install it with: sudo apt-get install redis-server"],
        };

        string text = summary.Render();

        text.ShouldContain("dashboard     http://localhost:15888/login?t=abc");
        text.ShouldContain("router        http://localhost:5100/v1");
        text.ShouldContain("support chat  http://localhost:5200");
        text.ShouldContain("router key    KEY123");
        text.ShouldContain("curl -s http://localhost:5100/v1/chat/completions -H 'Authorization: Bearer KEY123'");
        text.ShouldContain("new OpenAIClient(new ApiKeyCredential(\"KEY123\"), new OpenAIClientOptions { Endpoint = new Uri(\"http://localhost:5100/v1\") })");
        text.ShouldContain("sudo apt-get install redis-server");
    }

    [Fact]
    public void Render_WithoutADashboard_SaysItIsOff() =>
        new RunSummary { RouterUrl = new Uri("http://localhost:1"), AppUrl = new Uri("http://localhost:2"), RouterApiKey = "k" }
            .Render().ShouldContain("dashboard     (off)");
}
