using System.Net.Http.Json;
using Cascade.Hosting.Chaos;

namespace Aspire.Hosting;

/// <summary>Dashboard commands that make the simulator's models fail, and clear every fault again.</summary>
public static class ChaosBuilderExtensions
{
    /// <summary>The name of the command that clears every standing fault.</summary>
    public const string RecoverCommandName = "recover-all";

    /// <summary>The name of the command that shows the simulator's billing ledger.</summary>
    public const string LedgerCommandName = "show-ledger";

    /// <summary>
    /// Adds the commands of <see cref="ChaosCommand.Defaults"/> (each a <c>PUT /admin/faults/{model}</c>), a "Recover all"
    /// (<c>DELETE /admin/faults</c>) and "Show ledger" (<c>GET /admin/ledger</c>) to the simulator, authenticated with its
    /// admin key.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithChaosCommands(this IResourceBuilder<ProjectResource> simulator, IResourceBuilder<ParameterResource> adminKey)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(adminKey);
        foreach (ChaosCommand command in ChaosCommand.Defaults)
        {
            simulator.WithHttpCommand(
                $"/admin/faults/{command.Model}",
                command.DisplayName,
                commandName: command.Name,
                commandOptions: new HttpCommandOptions
                {
                    Method = HttpMethod.Put,
                    Description = command.Description,
                    IconName = command.IconName,
                    PrepareRequest = async context =>
                    {
                        await SendAdminKey(adminKey)(context);
                        context.Request.Content = JsonContent.Create(new { fault = command.Fault });
                    },
                });
        }

        simulator.WithHttpCommand(
            "/admin/faults",
            "Recover all",
            commandName: RecoverCommandName,
            commandOptions: new HttpCommandOptions
            {
                Method = HttpMethod.Delete,
                Description = "Clears every standing fault of every simulated model.",
                IconName = "ArrowCounterclockwise",
                IsHighlighted = true,
                PrepareRequest = SendAdminKey(adminKey),
            });

        return simulator.WithHttpCommand(
            "/admin/ledger",
            "Show ledger",
            commandName: LedgerCommandName,
            commandOptions: new HttpCommandOptions
            {
                Method = HttpMethod.Get,
                Description = "The simulator's own billing ledger: what each provider call billed, to compare with the router's.",
                IconName = "Receipt",
                ResultMode = HttpCommandResultMode.Json,
                PrepareRequest = SendAdminKey(adminKey),
            });
    }

    // Every simulator admin call carries its admin key in the x-admin-key header.
    private static Func<HttpCommandRequestContext, Task> SendAdminKey(IResourceBuilder<ParameterResource> adminKey) =>
        async context => context.Request.Headers.Add("x-admin-key", await adminKey.Resource.GetValueAsync(context.CancellationToken));
}
