using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Cascade.AppHost.Tests;

/// <summary>
/// The end-to-end check on the real AppHost: every resource healthy, a request through the router with the
/// official OpenAI .NET client answered by the cascade (on the simulator), and its attempt log read back from the router.
/// </summary>
[Collection(CascadeAppCollection.Name)]
public sealed class AppHostEndToEndTests(CascadeAppFixture fixture)
{
    [Fact]
    public async Task Router_AnswersTheOpenAIClient_AndServesTheRequestsAttemptLog()
    {
        CascadeApp app = fixture.App;
        IChatClient client = new OpenAIClient(
                new ApiKeyCredential(app.RouterApiKey),
                new OpenAIClientOptions { Endpoint = new Uri(app.Router, "/v1"), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) })
            .GetChatClient("cascade")
            .AsIChatClient();

        ChatResponse response = await client.GetResponseAsync("What are your opening hours?", cancellationToken: Token);

        response.Text.ShouldNotBeNullOrWhiteSpace();
        response.ModelId.ShouldNotBeNullOrWhiteSpace("the router says which model answered");
        string requestId = response.ResponseId.ShouldNotBeNull().Replace("chatcmpl-", "", StringComparison.Ordinal);

        using HttpClient router = app.App.CreateHttpClient("router");
        router.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.RouterApiKey);
        using HttpResponseMessage log = await router.GetAsync($"/v1/requests/{requestId}", Token);
        string body = await log.Content.ReadAsStringAsync(Token);
        log.IsSuccessStatusCode.ShouldBeTrue(body);

        using JsonDocument route = JsonDocument.Parse(body);
        JsonElement attempts = FindArray(route.RootElement, "attempts").ShouldNotBeNull($"the attempt log lists attempts: {body}");
        attempts.GetArrayLength().ShouldBeGreaterThan(0);
        body.ShouldContain(requestId);
    }

    [Fact]
    public async Task Verifier_RefusesACallerWithoutTheServiceKey()
    {
        using HttpClient verifier = fixture.App.App.CreateHttpClient("verifier");
        using var content = new StringContent("""{"question":"q","answer":"a"}""", System.Text.Encoding.UTF8, "application/json");

        using HttpResponseMessage response = await verifier.PostAsync("/v1/verify", content, Token);

        ((int)response.StatusCode).ShouldBe(401);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    private static JsonElement? FindArray(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (property.NameEquals(name) && property.Value.ValueKind == JsonValueKind.Array)
                {
                    return property.Value;
                }

                if (FindArray(property.Value, name) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
