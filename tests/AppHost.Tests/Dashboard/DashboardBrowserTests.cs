using Cascade.Testing.Integration;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cascade.AppHost.Tests.Dashboard;

/// <summary>A person's first look: the Aspire dashboard in headless Chromium lists every resource of the run as Running.</summary>
[Collection(CascadeAppCollection.Name)]
public sealed class DashboardBrowserTests(CascadeAppFixture fixture)
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    [Fact]
    public async Task Dashboard_ShowsEveryResourceRunning_AndTheModelProvidersChoice()
    {
        string chromium = IntegrationRequirements.Chromium();
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ChromiumArgs });
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });

        await page.GotoAsync(new Uri(fixture.App.Dashboard, $"/login?t={fixture.App.BrowserToken}").ToString());

        try
        {
            foreach (string resource in CascadeApp.ProcessResources)
            {
                ILocator row = Row(page, resource);
                await Expect(row).ToContainTextAsync("Running", new LocatorAssertionsToContainTextOptions { Timeout = 60_000 });
            }

            ILocator providers = Row(page, "model-providers");
            await Expect(providers).ToContainTextAsync("Simulator");
        }
        finally
        {
            string screenshot = Path.Combine(ArtifactsDirectory(), "dashboard-resources.png");
            byte[] png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            TestContext.Current.AddAttachment("dashboard-resources.png", png, "image/png");
            TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {screenshot}");
        }
    }

    [Fact]
    public async Task Dashboard_TraceView_ShowsAFailedAttemptAndTheAttemptThatAnswered()
    {
        string chromium = IntegrationRequirements.Chromium();
        var commands = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ResourceCommandService>(fixture.App.App.Services);
        (await commands.ExecuteCommandAsync("simulator", "fail-haiku", TestContext.Current.CancellationToken)).Success.ShouldBeTrue();
        try
        {
            await fixture.App.AskAsync("Can I pay with PayPal?", TestContext.Current.CancellationToken);
        }
        finally
        {
            (await commands.ExecuteCommandAsync("simulator", ChaosBuilderExtensions.RecoverCommandName, TestContext.Current.CancellationToken)).Success.ShouldBeTrue();
        }

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ChromiumArgs });
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        await page.GotoAsync(new Uri(fixture.App.Dashboard, $"/login?t={fixture.App.BrowserToken}").ToString());
        await Expect(page.GetByText("support-chat", new PageGetByTextOptions { Exact = true }).First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });

        try
        {
            // Traces arrive over OTLP a moment after the request; the list refreshes by itself.
            await page.GotoAsync(new Uri(fixture.App.Dashboard, "/traces").ToString());
            ILocator request = page.GetByText("POST /v1/chat/completions").First;
            await Expect(request).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
            await Shot(page, "dashboard-traces.png");

            // The newest request is the one made under the fault: its haiku attempt failed, another model answered.
            await request.ClickAsync();
            await Expect(page.GetByText("cascade.request").First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
            await Expect(page.GetByText("chat claude-haiku-4-5-20251001").First).ToBeVisibleAsync();
            await Expect(page.GetByText(new System.Text.RegularExpressions.Regex("^chat claude-(sonnet|opus)")).First).ToBeVisibleAsync();
            await Expect(page.GetByText("simulator").First).ToBeVisibleAsync();
        }
        finally
        {
            await Shot(page, "dashboard-trace-detail.png");
        }
    }

    private static async Task Shot(IPage page, string name)
    {
        string path = Path.Combine(ArtifactsDirectory(), name);
        byte[] png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.AddAttachment(name, png, "image/png");
    }

    // The grid row whose first cell is the resource's name ("simulator" must not match "model-providers Simulator").
    private static ILocator Row(IPage page, string resource) =>
        page.Locator("fluent-data-grid-row, tr, [role='row']")
            .Filter(new LocatorFilterOptions { Has = page.GetByText(resource, new PageGetByTextOptions { Exact = true }) })
            .First;

    private static string ArtifactsDirectory()
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "artifacts");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
