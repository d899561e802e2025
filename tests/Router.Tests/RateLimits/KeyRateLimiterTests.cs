namespace Cascade.Router.Tests;

public sealed class KeyRateLimiterTests
{
    [Fact]
    public void TryAcquire_RefusesPastTheRequestLimit_UntilTheWindowRefills()
    {
        var clock = TestRouter.Clock();
        using var limiter = new KeyRateLimiter(TestRouter.Options(o => o.RateLimitWindow = TimeSpan.FromMinutes(1)), clock);
        ApiKeyRecord key = TestRouter.Key(new ApiKeyPolicy { RequestsPerWindow = 2 });

        limiter.TryAcquire(key, 0).RequestsRemaining.ShouldBe(1);
        limiter.TryAcquire(key, 0).Allowed.ShouldBeTrue();
        clock.Advance(TimeSpan.FromSeconds(45));
        RateLimitDecision refused = limiter.TryAcquire(key, 0);

        refused.Allowed.ShouldBeFalse();
        refused.RefusedBy.ShouldBe(RateLimitKind.Requests);
        refused.ResetAfter.ShouldBe(TimeSpan.FromSeconds(15));

        clock.Advance(TimeSpan.FromSeconds(15));
        limiter.TryAcquire(key, 0).Allowed.ShouldBeTrue();
    }

    [Fact]
    public void TryAcquire_CountsTokens_AndATokenRefusalLeavesTheRequestPermit()
    {
        var clock = TestRouter.Clock();
        using var limiter = new KeyRateLimiter(TestRouter.Options(), clock);
        ApiKeyRecord key = TestRouter.Key(new ApiKeyPolicy { RequestsPerWindow = 10, TokensPerWindow = 1000 });

        limiter.TryAcquire(key, 700).TokensRemaining.ShouldBe(300);
        RateLimitDecision refused = limiter.TryAcquire(key, 400);

        refused.RefusedBy.ShouldBe(RateLimitKind.Tokens);
        refused.NeverFits.ShouldBeFalse();
        refused.RequestsRemaining.ShouldBe(9);
        limiter.TryAcquire(key, 5000).NeverFits.ShouldBeTrue();
    }

    [Fact]
    public void WriteHeaders_ReportsLimitsRemainingAndResetTheWayOpenAIDoes()
    {
        var decision = new RateLimitDecision { Allowed = true, RequestLimit = 60, RequestsRemaining = 59, TokenLimit = 1000, TokensRemaining = 10, ResetAfter = TimeSpan.FromSeconds(90) };
        var headers = new Microsoft.AspNetCore.Http.HeaderDictionary();

        decision.WriteHeaders(headers);

        headers["x-ratelimit-limit-requests"].ToString().ShouldBe("60");
        headers["x-ratelimit-remaining-requests"].ToString().ShouldBe("59");
        headers["x-ratelimit-reset-requests"].ToString().ShouldBe("1m30s");
        headers["x-ratelimit-limit-tokens"].ToString().ShouldBe("1000");
        headers["x-ratelimit-remaining-tokens"].ToString().ShouldBe("10");
        RateLimitDecision.FormatDuration(TimeSpan.FromMilliseconds(250)).ShouldBe("250ms");
    }

    [Fact]
    public void TryAcquire_AllowsEverythingForAKeyWithoutLimits_AndSendsNoLimitHeaders()
    {
        using var limiter = new KeyRateLimiter(TestRouter.Options(), TestRouter.Clock());
        RateLimitDecision decision = limiter.TryAcquire(TestRouter.Key(), 1_000_000);
        var headers = new Microsoft.AspNetCore.Http.HeaderDictionary();
        decision.WriteHeaders(headers);

        decision.Allowed.ShouldBeTrue();
        headers.Count.ShouldBe(0);
    }
}
