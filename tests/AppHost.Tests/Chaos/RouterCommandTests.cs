using Microsoft.Extensions.DependencyInjection;

namespace Cascade.AppHost.Tests.Chaos;

/// <summary>The router's dashboard commands answer with its admin views (they send the admin key themselves).</summary>
[Collection(CascadeAppCollection.Name)]
public sealed class RouterCommandTests(CascadeAppFixture fixture)
{
    [Theory]
    [InlineData(CascadeServiceBuilderExtensions.StatsCommandName)]
    [InlineData(CascadeServiceBuilderExtensions.CircuitsCommandName)]
    public async Task RouterCommand_Succeeds(string command)
    {
        ResourceCommandService commands = fixture.App.App.Services.GetRequiredService<ResourceCommandService>();

        ExecuteCommandResult result = await commands.ExecuteCommandAsync("router", command, TestContext.Current.CancellationToken);

        result.Success.ShouldBeTrue(result.Message);
    }
}
