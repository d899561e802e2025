using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Cascade.Router.Tests;

public sealed class RedisApiKeyStoreTests(SharedRedisFixture redis)
{
    [Fact]
    public async Task KeysCreatedOnOneReplica_AuthenticateOnAnother_AndARotationRetiresTheOldSecretEverywhere()
    {
        IOptions<RouterOptions> options = TestRouter.Options();
        FakeTimeProvider clock = TestRouter.Clock();
        await using IConnectionMultiplexer second = await redis.Server.ConnectAsync();
        var a = new RedisApiKeyStore(TestRouter.Redis(redis.Connection, options, clock));
        var b = new RedisApiKeyStore(TestRouter.Redis(second, options, clock));
        var manager = new ApiKeyManager(a, clock);

        CreatedApiKey created = await manager.CreateAsync("billing service", new ApiKeyPolicy { DailySpendCap = 5m });
        ApiKeyRecord found = (await b.FindByHashAsync(ApiKeySecret.Hash(created.Secret))).ShouldNotBeNull();
        found.Id.ShouldBe(created.Key.Id);
        found.Policy.DailySpendCap.ShouldBe(5m);
        found.Hash.ShouldNotBe(created.Secret);

        CreatedApiKey rotated = (await manager.RotateAsync(created.Key.Id)).ShouldNotBeNull();

        (await b.FindByHashAsync(ApiKeySecret.Hash(created.Secret))).ShouldBeNull();
        (await b.FindByHashAsync(ApiKeySecret.Hash(rotated.Secret))).ShouldNotBeNull().Id.ShouldBe(created.Key.Id);
        (await b.ListAsync()).Select(k => k.Id).ShouldBe([created.Key.Id]);
    }

    [Fact]
    public async Task WhileRedisIsDown_KnownKeysStillAuthenticate_UnknownOnesAndChangesAreRefused()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        await using IConnectionMultiplexer connection = await server.ConnectAsync();
        IOptions<RouterOptions> options = TestRouter.Options();
        FakeTimeProvider clock = TestRouter.Clock();
        var store = new RedisApiKeyStore(TestRouter.Redis(connection, options, clock));
        var manager = new ApiKeyManager(store, clock);
        CreatedApiKey known = await manager.CreateAsync("known");

        await server.StopAsync();
        await RedisOutage.WaitUntilDisconnectedAsync(connection);

        (await store.FindByHashAsync(ApiKeySecret.Hash(known.Secret))).ShouldNotBeNull();
        await Should.ThrowAsync<SharedStateUnavailableException>(async () => await store.FindByHashAsync(ApiKeySecret.Hash("csk_unknown")));
        await Should.ThrowAsync<SharedStateUnavailableException>(async () => await manager.CreateAsync("new"));
    }
}
