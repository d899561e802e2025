using Cascade.Client;
using Cascade.SupportChatDemo.Chat;
using Cascade.SupportChatDemo.Orders;
using Cascade.SupportChatDemo.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace Cascade.SupportChatDemo;

/// <summary>Registers the support chat: options, the router's chat client with kernel function invocation, the kernel and its order plugin.</summary>
public static class SupportChatServiceCollectionExtensions
{
    /// <summary>The connection name of the Cascade router (<c>ConnectionStrings:cascade</c>, set by the AppHost's <c>WithReference(cascade)</c>).</summary>
    public const string CascadeConnectionName = "cascade";

    /// <summary>The configuration key the AppHost sets to the router's address.</summary>
    public const string RouterServiceKey = "services:router:http:0";

    /// <summary>Adds the support chat's services.</summary>
    public static IServiceCollection AddSupportChat(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SupportChatOptions>()
            .Bind(configuration.GetSection(SupportChatOptions.SectionName))
            .PostConfigure(options =>
            {
                // The Cascade connection (endpoint and key) fills what the SupportChat section leaves unset.
                if (configuration.GetConnectionString(CascadeConnectionName) is { Length: > 0 } connectionString)
                {
                    var cascade = new CascadeClientSettings();
                    CascadeConnectionString.Apply(connectionString, cascade, CascadeConnectionName);
                    options.RouterEndpoint ??= cascade.Endpoint;
                    if (string.IsNullOrEmpty(options.RouterApiKey) && cascade.ApiKey is { } key)
                    {
                        options.RouterApiKey = key;
                    }
                }

                if (options.RouterEndpoint is null && configuration[RouterServiceKey] is { Length: > 0 } address)
                {
                    options.RouterEndpoint = new Uri(address, UriKind.Absolute);
                }
            })
            .ValidateDataAnnotations()
            .Validate(
                options => options.RouterEndpoint is { IsAbsoluteUri: true },
                $"No router address: set {RouterServiceKey} (the AppHost does) or SupportChat:RouterEndpoint to the router's absolute http(s) address.")
            .ValidateOnStart();

        // The router runs the cascade's own retries and fallbacks: no resilience handler here, and SDK retries off.
        services.AddTransient<RouteCaptureHandler>();
        services.AddHttpClient<RouterAttemptLog>();

        // Cascade's client integration, on the router the options name; Semantic Kernel calls the tools.
        services.AddCascadeChatClient(
                CascadeConnectionName,
                provider => ClientSettings(provider.GetRequiredService<IOptions<SupportChatOptions>>().Value),
                http => http.AddHttpMessageHandler<RouteCaptureHandler>())
            .UseKernelFunctionInvocation();

        services.AddSingleton(OrderBook.Sample);
        services.AddKernel().Plugins.AddFromType<OrderStatusPlugin>("orders");
        services.AddTransient<SupportChatService>();
        return services;
    }

    private static CascadeClientSettings ClientSettings(SupportChatOptions options) => new()
    {
        Endpoint = options.RouterEndpoint,
        ApiKey = options.RouterApiKey,
        Model = options.Model,
        Timeout = options.RouterTimeout,
    };
}
