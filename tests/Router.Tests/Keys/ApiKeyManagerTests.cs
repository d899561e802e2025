using Microsoft.Extensions.Time.Testing;

namespace Cascade.Router.Tests;

public sealed class ApiKeyManagerTests
{
    [Fact]
    public async Task EnsureAsync_StoresAConfiguredSecretHashedOnce()
    {
        var store = new InMemoryApiKeyStore();
        var manager = new ApiKeyManager(store, new FakeTimeProvider());
        const string Secret = "csk_local_0123456789abcdef0123";

        bool first = await manager.EnsureAsync("local-run", Secret);
        bool second = await manager.EnsureAsync("local-run", Secret);

        first.ShouldBeTrue();
        second.ShouldBeFalse();
        ApiKeyRecord record = (await store.ListAsync()).ShouldHaveSingleItem();
        record.Hash.ShouldBe(ApiKeySecret.Hash(Secret));
        record.Prefix.ShouldBe("csk_local_01");
        (await store.FindByHashAsync(ApiKeySecret.Hash(Secret))).ShouldNotBeNull().Name.ShouldBe("local-run");
    }
}
