using Cascade.AppHost.Console;
using Cascade.AppHost.ModelProviders;

namespace Aspire.Hosting;

/// <summary>Prints one block once the apps are up: where the dashboard and the router are, the key, and lines to paste.</summary>
public static class RunSummaryBuilderExtensions
{
    /// <summary>
    /// Prints the run summary to the AppHost's console when <paramref name="app"/> is ready (it waits for the router), and
    /// at once a warning when SIGINT is ignored (a background start), since Ctrl+C cannot stop the run then.
    /// </summary>
    public static IDistributedApplicationBuilder AddRunSummary(
        this IDistributedApplicationBuilder builder,
        IResourceBuilder<ProjectResource> router,
        IResourceBuilder<ProjectResource> app,
        IResourceBuilder<ParameterResource> routerApiKey,
        IResourceBuilder<IResourceWithConnectionString>? redis,
        IResourceBuilder<ModelProvidersResource> providers)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(routerApiKey);
        ArgumentNullException.ThrowIfNull(providers);
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder;
        }

        TextWriter output = System.Console.Out;
        if (SignalDisposition.IsSigIntIgnored())
        {
            output.WriteLine("apphost: warning: SIGINT is ignored in this process (it was started in the background), so Ctrl+C will not stop it; stop it with: kill -TERM " + Environment.ProcessId);
        }

        RunNotices notices = RunNotices.For(builder);
        notices.Add($"model providers: {providers.Resource.Selection.Description}");
        if (providers.Resource.Selection.Warning is { } warning)
        {
            notices.Add($"note: {warning}");
        }

        builder.Eventing.Subscribe<ResourceReadyEvent>(app.Resource, async (_, cancellationToken) =>
        {
            var summary = new RunSummary
            {
                DashboardUrl = DashboardUrl(builder),
                RouterUrl = new Uri(router.Resource.GetEndpoint("http").Url),
                AppUrl = new Uri(app.Resource.GetEndpoint("http").Url),
                RouterApiKey = await routerApiKey.Resource.GetValueAsync(cancellationToken) ?? "",
                Notices = notices.Lines,
            };
            await output.WriteAsync(summary.Render().AsMemory(), cancellationToken);
            await output.FlushAsync(cancellationToken);
        });
        return builder;
    }

    // The dashboard's address from the launch profile (ASPNETCORE_URLS), with its login token unless anonymous access is on.
    private static string? DashboardUrl(IDistributedApplicationBuilder builder)
    {
        string? urls = builder.Configuration["ASPNETCORE_URLS"];
        string? first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return null;
        }

        bool anonymous = string.Equals(builder.Configuration["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"], "true", StringComparison.OrdinalIgnoreCase);
        string? token = builder.Configuration["AppHost:BrowserToken"];
        return anonymous || string.IsNullOrEmpty(token) ? first : $"{first.TrimEnd('/')}/login?t={token}";
    }
}
