using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cascade.Router.Tests;

public sealed class AdminApiTests
{
    [Fact]
    public async Task Admin_RefusesAMissingOrWrongAdminKey()
    {
        await using var router = new RouterFactory();
        using HttpClient anonymous = router.CreateClient();
        using HttpClient wrong = router.CreateClient();
        wrong.DefaultRequestHeaders.Add("x-admin-key", "not-the-admin-key-at-all");

        HttpResponseMessage missing = await anonymous.GetAsync("/admin/keys");
        HttpResponseMessage bad = await wrong.GetAsync("/admin/keys");

        missing.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        bad.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        missing.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await router.CreateAdminClient().GetAsync("/admin/keys")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Admin_IsDisabledWithoutAnAdminKey_AndSaysHowToEnableIt()
    {
        await using var router = new RouterFactory(settings: new Dictionary<string, string?> { ["Router:AdminKey"] = null });
        HttpResponseMessage response = await router.CreateClient().GetAsync("/admin/keys");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Router:AdminKey");
    }

    [Fact]
    public async Task CreatedKey_AuthenticatesAsBearerAndAsXApiKey_AndIsStoredOnlyAsAHash()
    {
        await using var router = new RouterFactory();
        using HttpClient admin = router.CreateAdminClient();

        HttpResponseMessage response = await admin.PostAsJsonAsync("/admin/keys", new { name = "support app", policy = new { dailySpendCap = 5.0, maxRequestCost = 0.25 } });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        using JsonDocument created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        string secret = created.RootElement.GetProperty("secret").GetString()!;
        string id = created.RootElement.GetProperty("key").GetProperty("id").GetString()!;
        created.RootElement.GetProperty("key").GetProperty("prefix").GetString().ShouldBe(secret[..12]);
        response.Headers.Location!.ToString().ShouldBe($"/admin/keys/{id}");

        using HttpClient bearer = router.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using HttpClient xApiKey = router.CreateClient();
        xApiKey.DefaultRequestHeaders.Add("x-api-key", secret);
        using JsonDocument status = JsonDocument.Parse(await bearer.GetStringAsync("/v1/key"));
        status.RootElement.GetProperty("requestCeiling").GetDecimal().ShouldBe(0.25m);
        (await xApiKey.GetAsync("/v1/key")).StatusCode.ShouldBe(HttpStatusCode.OK);

        string listed = await admin.GetStringAsync("/admin/keys");
        listed.ShouldContain(id);
        listed.ShouldNotContain(secret);
        listed.ShouldNotContain(ApiKeySecret.Hash(secret));
    }

    [Fact]
    public async Task MissingOrUnknownKey_Gets401InOpenAIsShape_WithoutRetry()
    {
        await using var router = new RouterFactory();
        using HttpClient client = router.CreateClient();
        using HttpClient unknown = router.CreateClient();
        unknown.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "csk_doesnotexist0000000000000000000000000000000");

        HttpResponseMessage missing = await client.GetAsync("/v1/key");
        HttpResponseMessage bad = await unknown.GetAsync("/v1/key");

        missing.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        missing.Headers.GetValues("x-should-retry").Single().ShouldBe("false");
        using JsonDocument body = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("error").GetProperty("code").GetString().ShouldBe("missing_api_key");
        bad.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("csk_doesnote");
    }

    [Fact]
    public async Task Rotate_RetiresTheOldSecret_AndRevokeRefusesTheKey()
    {
        await using var router = new RouterFactory();
        using HttpClient admin = router.CreateAdminClient();
        CreatedApiKey created = (await (await admin.PostAsJsonAsync("/admin/keys", new { name = "rotating" })).Content.ReadFromJsonAsync<CreatedApiKey>())!;

        CreatedApiKey rotated = (await (await admin.PostAsync($"/admin/keys/{created.Key.Id}/rotate", null)).Content.ReadFromJsonAsync<CreatedApiKey>())!;

        rotated.Key.Id.ShouldBe(created.Key.Id);
        (await GetKeyAsync(router, created.Secret)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await GetKeyAsync(router, rotated.Secret)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PostAsync($"/admin/keys/{created.Key.Id}/revoke", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        HttpResponseMessage revoked = await GetKeyAsync(router, rotated.Secret);
        revoked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await revoked.Content.ReadAsStringAsync()).ShouldContain("revoked_api_key");
        (await admin.PostAsync($"/admin/keys/{created.Key.Id}/rotate", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await admin.PostAsync("/admin/keys/key_missing/revoke", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateAndUpdate_RefuseAnInvalidPolicyListingEveryError()
    {
        await using var router = new RouterFactory();
        using HttpClient admin = router.CreateAdminClient();

        HttpResponseMessage create = await admin.PostAsJsonAsync("/admin/keys", new { name = "", policy = new { dailySpendCap = -1, requestsPerWindow = 0 } });
        CreatedApiKey key = (await (await admin.PostAsJsonAsync("/admin/keys", new { name = "ok" })).Content.ReadFromJsonAsync<CreatedApiKey>())!;
        HttpResponseMessage update = await admin.PutAsJsonAsync($"/admin/keys/{key.Key.Id}/policy", new { maxRequestCost = 0 });
        HttpResponseMessage good = await admin.PutAsJsonAsync($"/admin/keys/{key.Key.Id}/policy", new { allowedModels = new[] { "cascade" }, monthlySpendCap = 50 });

        create.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        string errors = await create.Content.ReadAsStringAsync();
        errors.ShouldContain("needs a name");
        errors.ShouldContain("DailySpendCap");
        errors.ShouldContain("RequestsPerWindow");
        update.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await update.Content.ReadAsStringAsync()).ShouldContain("MaxRequestCost");
        (await good.Content.ReadFromJsonAsync<ApiKeyView>())!.Policy.MonthlySpendCap.ShouldBe(50m);
    }

    [Fact]
    public async Task Spend_ReportsTheKeysCommittedAndBilledSpend()
    {
        await using var router = new RouterFactory();
        using HttpClient admin = router.CreateAdminClient();
        CreatedApiKey key = (await (await admin.PostAsJsonAsync("/admin/keys", new { name = "spender" })).Content.ReadFromJsonAsync<CreatedApiKey>())!;
        ISpendStore spend = router.Services.GetRequiredService<ISpendStore>();
        SpendReservation reservation = (await spend.ReserveAsync(key.Key.Id, 0.5m, SpendCaps.None)).Reservation!;
        await spend.SettleAsync(reservation, 0.125m);

        SpendSnapshot snapshot = (await admin.GetFromJsonAsync<SpendSnapshot>($"/admin/keys/{key.Key.Id}/spend"))!;

        snapshot.DailyBilled.ShouldBe(0.125m);
        snapshot.Day.ShouldBe("20261201");
    }

    private static Task<HttpResponseMessage> GetKeyAsync(RouterFactory router, string secret)
    {
        HttpClient client = router.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client.GetAsync("/v1/key");
    }
}
