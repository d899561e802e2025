using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.AppHost.Tests.Chaos;

/// <summary>
/// The simulator's dashboard commands, invoked through the app model as the dashboard's buttons do: "Fail haiku" makes the
/// cheap model answer 529, a request then shows the failed attempt and the one that answered instead, and the simulator's
/// ledger holds the fault; "Recover all" clears it.
/// </summary>
[Collection(CascadeAppCollection.Name)]
public sealed class ChaosCommandTests(CascadeAppFixture fixture)
{
    private const string Haiku = "claude-haiku-4-5-20251001";

    [Fact]
    public async Task FailHaiku_ShowsAFailedAttemptAndTheFallback_AndRecoverClearsIt()
    {
        CascadeApp app = fixture.App;
        ResourceCommandService commands = app.App.Services.GetRequiredService<ResourceCommandService>();
        using HttpClient router = app.App.CreateHttpClient("router");
        router.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.RouterApiKey);
        using HttpClient simulator = app.App.CreateHttpClient("simulator");
        simulator.DefaultRequestHeaders.Add("x-admin-key", app.SimulatorAdminKey);

        ExecuteCommandResult failed = await commands.ExecuteCommandAsync("simulator", "fail-haiku", Token);
        try
        {
            failed.Success.ShouldBeTrue(failed.Message);
            JsonElement[] attempts = await AskAndReadAttemptsAsync(app, router, "How long does delivery take?");

            attempts.ShouldContain(a => Text(a, "model") == Haiku && Text(a, "outcome") == "Failed", Describe(attempts));
            JsonElement answered = attempts.Last();
            Text(answered, "outcome").ShouldNotBe("Failed", Describe(attempts));
            Text(answered, "model").ShouldNotBe(Haiku, "the answer came from another model than the failing one");

            string ledger = await simulator.GetStringAsync("/admin/ledger", Token);
            using JsonDocument report = JsonDocument.Parse(ledger);
            Entries(report.RootElement).ShouldContain(e => Text(e, "model") == Haiku && Text(e, "fault") == "529", "the simulator's ledger records the injected 529");
        }
        finally
        {
            (await commands.ExecuteCommandAsync("simulator", ChaosBuilderExtensions.RecoverCommandName, Token)).Success.ShouldBeTrue();
        }

        JsonElement[] recovered = await AskAndReadAttemptsAsync(app, router, "How long does delivery take?");
        recovered.ShouldNotContain(a => Text(a, "outcome") == "Failed", Describe(recovered));
    }

    private static async Task<JsonElement[]> AskAndReadAttemptsAsync(CascadeApp app, HttpClient router, string question)
    {
        string requestId = await app.AskAsync(question, Token);

        using JsonDocument log = JsonDocument.Parse(await router.GetStringAsync($"/v1/requests/{requestId}", Token));
        return [.. Find(log.RootElement, "attempts").ShouldNotBeNull().EnumerateArray().Select(a => a.Clone())];
    }

    private static IEnumerable<JsonElement> Entries(JsonElement report) =>
        Find(report, "entries") is { } entries ? entries.EnumerateArray() : [];

    // Property names compared without case or underscores, so the test reads both camelCase and snake_case bodies.
    private static JsonElement? Find(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (Same(property.Name, name))
            {
                return property.Value;
            }
        }

        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (Find(property.Value, name) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.EnumerateObject().FirstOrDefault(p => Same(p.Name, name)).Value is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static bool Same(string a, string b) =>
        string.Equals(a.Replace("_", "", StringComparison.Ordinal), b.Replace("_", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    private static string Describe(IEnumerable<JsonElement> attempts) => string.Join("; ", attempts.Select(a => a.GetRawText()));

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
