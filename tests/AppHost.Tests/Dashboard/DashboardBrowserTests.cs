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
