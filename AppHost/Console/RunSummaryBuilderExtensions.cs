using Cascade.AppHost.Console;
using Cascade.Hosting;
using Cascade.Hosting.ModelProviders;

namespace Aspire.Hosting;

/// <summary>Prints one block once the apps are up: where the dashboard and the router are, the key, and lines to paste.</summary>
public static class RunSummaryBuilderExtensions
{
    /// <summary>The name Aspire gives the dashboard's resource.</summary>
    public const string DashboardResourceName = "aspire-dashboard";

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
                DashboardUrl = DashboardUrl(builder, app.ApplicationBuilder.Resources),
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

    // The dashboard's address as allocated (its resource's endpoint; the launch profile's ASPNETCORE_URLS otherwise), with
    // its login token unless anonymous access is on.
    private static string? DashboardUrl(IDistributedApplicationBuilder builder, IResourceCollection resources)
    {
        string? address = resources.FirstOrDefault(r => r.Name == DashboardResourceName) is IResourceWithEndpoints dashboard
            ? dashboard.GetEndpoints().FirstOrDefault(e => e.IsAllocated && e.Scheme is "http" or "https" && !e.EndpointName.Contains("otlp", StringComparison.OrdinalIgnoreCase))?.Url
            : null;
        address ??= builder.Configuration["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (address is null)
        {
            return null;
        }

        bool anonymous = string.Equals(builder.Configuration["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"], "true", StringComparison.OrdinalIgnoreCase);
        string? token = builder.Configuration["AppHost:BrowserToken"];
        return anonymous || string.IsNullOrEmpty(token) ? address : $"{address.TrimEnd('/')}/login?t={token}";
    }
}
