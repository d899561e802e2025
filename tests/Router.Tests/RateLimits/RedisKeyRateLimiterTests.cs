using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Cascade.Router.Tests;

public sealed class RedisKeyRateLimiterTests(SharedRedisFixture redis)
{
    private const string Question = """{"model":"cascade","max_tokens":60,"messages":[{"role":"user","content":"How do I reset my password?"}]}""";

    [Fact]
    public async Task TryAcquire_TwoReplicasUnder200ConcurrentRequests_AdmitExactlyTheLimit_UntilTheWindowEnds()
    {
        IOptions<RouterOptions> options = TestRouter.Options();
        FakeTimeProvider clock = TestRouter.Clock();
        await using IConnectionMultiplexer second = await redis.Server.ConnectAsync();
        using KeyRateLimiter localA = new(options, clock);
        using KeyRateLimiter localB = new(options, clock);
        RedisKeyRateLimiter[] replicas =
        [
            new(TestRouter.Redis(redis.Connection, options, clock), options, clock, localA),
            new(TestRouter.Redis(second, options, clock), options, clock, localB),
        ];
        ApiKeyRecord key = TestRouter.Key(new ApiKeyPolicy { RequestsPerWindow = 30, TokensPerWindow = 1_000_000 });

        RateLimitDecision[] decisions = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => replicas[i % 2].TryAcquireAsync(key, 100).AsTask()));

        decisions.Count(d => d.Allowed).ShouldBe(30);
        decisions.Where(d => !d.Allowed).ShouldAllBe(d => d.RefusedBy == RateLimitKind.Requests && d.RequestsRemaining == 0);
        decisions.Where(d => d.Allowed).Select(d => d.RequestsRemaining).Order().ShouldBe(Enumerable.Range(0, 30).Select(i => (long?)i));
        decisions.Where(d => d.Allowed).Min(d => d.TokensRemaining).ShouldBe(1_000_000 - (30 * 100));

        clock.Advance(TimeSpan.FromSeconds(59));
        (await replicas[1].TryAcquireAsync(key, 100)).ResetAfter.ShouldBe(TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        RateLimitDecision next = await replicas[0].TryAcquireAsync(key, 100);
        next.Allowed.ShouldBeTrue("a new window began");
        next.RequestsRemaining.ShouldBe(29);
    }

    [Fact]
    public async Task TryAcquire_TokenLimitSharedAcrossReplicas_ARefusalCountsNothing_AndAnOversizedRequestNeverFits()
    {
        IOptions<RouterOptions> options = TestRouter.Options();
        FakeTimeProvider clock = TestRouter.Clock();
        using KeyRateLimiter local = new(options, clock);
        RedisKeyRateLimiter a = new(TestRouter.Redis(redis.Connection, options, clock), options, clock, local);
        RedisKeyRateLimiter b = new(TestRouter.Redis(redis.Connection, options, clock), options, clock, local);
        ApiKeyRecord key = TestRouter.Key(new ApiKeyPolicy { RequestsPerWindow = 10, TokensPerWindow = 1000 });

        (await a.TryAcquireAsync(key, 700)).TokensRemaining.ShouldBe(300);
        RateLimitDecision refused = await b.TryAcquireAsync(key, 400);
        RateLimitDecision never = await b.TryAcquireAsync(key, 5000);
        RateLimitDecision fits = await b.TryAcquireAsync(key, 300);

        refused.Allowed.ShouldBeFalse();
        refused.RefusedBy.ShouldBe(RateLimitKind.Tokens);
        refused.RequestsRemaining.ShouldBe(9, "a token refusal does not use up a request");
        never.NeverFits.ShouldBeTrue();
        fits.Allowed.ShouldBeTrue();
        fits.TokensRemaining.ShouldBe(0);
        fits.RequestsRemaining.ShouldBe(8);
    }

    [Fact]
    public async Task TwoRouters_OneKey_HoldTheConfiguredRateWithinOneRequest_AndReportItInTheHeaders()
    {
        await using SimulatorHost simulator = await SimulatorHost.StartAsync();
        var shared = new Dictionary<string, string?> { ["Router:RedisPrefix"] = $"test:{Guid.NewGuid():N}:" };
        await using RouterFactory a = RouterFactory.OnKestrel(simulator, redis.Server.ConnectionString, shared);
        await using RouterFactory b = RouterFactory.OnKestrel(simulator, redis.Server.ConnectionString, shared);
        const int limit = 8;
        CreatedApiKey key = await a.CreateKeyAsync(new ApiKeyPolicy { RequestsPerWindow = limit, TokensPerWindow = 1_000_000 });
        using HttpClient toA = a.CreateHttpClient(key.Secret);
        using HttpClient toB = b.CreateHttpClient(key.Secret);

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? toA : toB).PostAsync("/v1/messages", OpenAIEndpointTests.Json(Question))));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.TooManyRequests);
        int answered = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        answered.ShouldBe(limit, "two replicas on one Redis admit the rate of one");
        responses.ShouldAllBe(r => r.Headers.GetValues("x-ratelimit-limit-requests").Single() == "8");
        responses.Where(r => r.StatusCode == HttpStatusCode.OK).Select(r => int.Parse(r.Headers.GetValues("x-ratelimit-remaining-requests").Single(), System.Globalization.CultureInfo.InvariantCulture))
            .Order().ShouldBe(Enumerable.Range(limit - answered, answered));
        HttpResponseMessage limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        limited.Headers.GetValues("x-ratelimit-remaining-requests").Single().ShouldBe("0");
        limited.Headers.GetValues("x-ratelimit-reset-requests").Single().ShouldBe("1m0s");
        limited.Headers.GetValues("x-ratelimit-limit-tokens").Single().ShouldBe("1000000");
        limited.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(60));

        a.Clock.Advance(TimeSpan.FromMinutes(1));
        b.Clock.Advance(TimeSpan.FromMinutes(1));
        (await toB.PostAsync("/v1/messages", OpenAIEndpointTests.Json(Question))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
