using System.ClientModel;
using System.ClientModel.Primitives;
using Cascade.SupportChatDemo.Chat;
using Cascade.SupportChatDemo.Orders;
using Cascade.SupportChatDemo.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using OpenAI;

namespace Cascade.SupportChatDemo;

/// <summary>Registers the support chat: options, the router's chat client with kernel function invocation, the kernel and its order plugin.</summary>
public static class SupportChatServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> that calls the router.</summary>
    public const string RouterHttpClientName = "router";

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
        services.AddHttpClient(RouterHttpClientName)
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<RouteCaptureHandler>();

        services.AddHttpClient<RouterAttemptLog>();
        services.AddChatClient(CreateRouterClient).UseKernelFunctionInvocation();

        services.AddSingleton(OrderBook.Sample);
        services.AddKernel().Plugins.AddFromType<OrderStatusPlugin>("orders");
        services.AddTransient<SupportChatService>();
        return services;
    }

    private static IChatClient CreateRouterClient(IServiceProvider services)
    {
        SupportChatOptions options = services.GetRequiredService<IOptions<SupportChatOptions>>().Value;
        HttpClient http = services.GetRequiredService<IHttpClientFactory>().CreateClient(RouterHttpClientName);
        OpenAIClientOptions clientOptions = new()
        {
            Endpoint = new Uri(options.RouterEndpoint!.AbsoluteUri.TrimEnd('/') + "/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            Transport = new HttpClientPipelineTransport(http),
            NetworkTimeout = options.RouterTimeout,
        };
        return new OpenAIClient(new ApiKeyCredential(options.RouterApiKey), clientOptions)
            .GetChatClient(options.Model)
            .AsIChatClient();
    }
}
