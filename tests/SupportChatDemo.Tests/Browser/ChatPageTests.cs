using Cascade.Testing.Integration;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cascade.SupportChatDemo.Tests.Browser;

/// <summary>A person's view: the page in headless Chromium, the demo on Kestrel, a fake router behind it.</summary>
public sealed class ChatPageTests
{
    private static readonly string[] s_chromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    [Fact]
    public async Task TypingAnOrderQuestion_ShowsTheAnswerWithItsTierModelReasonAndCost()
    {
        string chromium = IntegrationRequirements.Chromium();
        await using FakeRouter router = await FakeRouter.StartAsync();
        await using SupportChatFactory factory = new(router.Address);
        Uri address = factory.StartOnKestrel();

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = s_chromiumArgs,
        });
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync(address.ToString());

        await page.Locator("#message").FillAsync("Where is my order A12345?");
        await page.Locator("#send").ClickAsync();

        ILocator answer = page.Locator(".message.assistant").Last;
        await Expect(answer).ToContainTextAsync("shipped");
        await Expect(answer.Locator(".tier")).ToHaveTextAsync("tier: strong");
        await Expect(answer.Locator(".model")).ToHaveTextAsync("model: strong-model-1");
        await Expect(answer.Locator(".reason")).ToContainTextAsync("escalated once");
        await Expect(answer.Locator(".tools")).ToContainTextAsync("get_order_status");
        await Expect(answer.Locator(".calls")).ToHaveTextAsync("2 router calls (cheap → strong)");
        await Expect(answer.Locator(".cost")).ToHaveTextAsync("cost: $0.00222");
        await Expect(page.Locator("#total-cost")).ToHaveTextAsync("0.002220");
        await Expect(answer.Locator(".steps li")).ToHaveTextAsync([
            "cheap (cheap-model-1): Initial → Rejected — doubt: reject (hedged: I'm not sure), $0.0001",
            "strong (strong-model-1): Escalation → Accepted — doubt: accept, $0.002",
        ]);
        await Expect(page.Locator(".message.user")).ToHaveTextAsync("Where is my order A12345?");

        // The second question carries the first exchange as history.
        await page.Locator("#message").FillAsync("How do returns work?");
        await page.Locator("#send").ClickAsync();
        await Expect(page.Locator(".message.assistant")).ToHaveCountAsync(2);
        await Expect(page.Locator(".message.assistant").Last.Locator(".tier")).ToHaveTextAsync("tier: middle");
        await Expect(page.Locator("#total-cost")).ToHaveTextAsync("0.002720");
        router.Requests.Last()["messages"]!.AsArray().Count.ShouldBe(4);
    }
}
