namespace Cascade.AppHost.Tests;

/// <summary>One run of the real AppHost shared by the tests that only read from it.</summary>
public sealed class CascadeAppFixture : IAsyncLifetime
{
    private CascadeApp? _app;

    /// <summary>Gets the running application.</summary>
    public CascadeApp App => _app ?? throw new InvalidOperationException("The AppHost has not started.");

    /// <inheritdoc/>
    public async ValueTask InitializeAsync() => _app = await CascadeApp.StartAsync(TestContext.Current.CancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The collection of tests sharing <see cref="CascadeAppFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class CascadeAppCollection : ICollectionFixture<CascadeAppFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "cascade-app";
}
