using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Cascade.Router.Tests;

public sealed class RouterErrorWriterTests
{
    [Fact]
    public void ToJson_WritesOpenAIsErrorShape()
    {
        using JsonDocument json = JsonDocument.Parse(RouterErrorWriter.ToJson(RouterError.MissingKey(), ApiFlavor.OpenAI));

        JsonElement error = json.RootElement.GetProperty("error");
        error.GetProperty("type").GetString().ShouldBe("authentication_error");
        error.GetProperty("code").GetString().ShouldBe("missing_api_key");
        error.GetProperty("message").GetString()!.ShouldContain("Authorization: Bearer");
        error.GetProperty("param").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void ToJson_WritesAnthropicsErrorShape()
    {
        var refusal = SpendAdmission.Refused(SpendCap.Monthly, 10m, 9.9m);
        using JsonDocument json = JsonDocument.Parse(RouterErrorWriter.ToJson(RouterError.OverBudget(TestRouter.Key(), refusal, 0.5m), ApiFlavor.Anthropic));

        json.RootElement.GetProperty("type").GetString().ShouldBe("error");
        json.RootElement.GetProperty("error").GetProperty("type").GetString().ShouldBe("billing_error");
        json.RootElement.GetProperty("error").GetProperty("message").GetString()!.ShouldContain("monthly spend cap of $10.00");
    }

    [Fact]
    public async Task WriteAsync_PicksTheShapeFromThePath_AndSendsTheRetryHeaders()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/v1/messages";
        context.Response.Body = new MemoryStream();
        var decision = new RateLimitDecision { Allowed = false, RefusedBy = RateLimitKind.Requests, RequestLimit = 5, RequestsRemaining = 0, ResetAfter = TimeSpan.FromSeconds(12.2) };

        await RouterErrorWriter.WriteAsync(context, RouterError.RateLimited(decision));

        context.Response.StatusCode.ShouldBe(429);
        context.Response.Headers.RetryAfter.ToString().ShouldBe("13");
        context.Response.Headers["x-should-retry"].ToString().ShouldBe("true");
        context.Response.Headers["x-ratelimit-remaining-requests"].ToString().ShouldBe("0");
        context.Response.Body.Position = 0;
        using JsonDocument json = await JsonDocument.ParseAsync(context.Response.Body);
        json.RootElement.GetProperty("error").GetProperty("type").GetString().ShouldBe("rate_limit_error");
    }

    [Theory]
    [InlineData("/v1/messages", ApiFlavor.Anthropic)]
    [InlineData("/v1/chat/completions", ApiFlavor.OpenAI)]
    [InlineData("/admin/keys", ApiFlavor.ProblemDetails)]
    public void FlavorOf_FollowsThePath(string path, ApiFlavor flavor)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        RouterErrorWriter.FlavorOf(context.Request).ShouldBe(flavor);
    }
}
