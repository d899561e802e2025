using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cascade;

/// <summary>Adds up-front routing to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class UpfrontRoutingChatClientBuilderExtensions
{
    /// <summary>Classifies requests before the cascade; call it before <c>UseCascade</c>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The classifier's settings; the registered <see cref="UpfrontRoutingOptions"/> (or defaults) when <see langword="null"/>.</param>
    /// <param name="configure">Changes the router after it is built.</param>
    /// <returns>The builder.</returns>
    public static ChatClientBuilder UseUpfrontRouting(this ChatClientBuilder builder, UpfrontRoutingOptions? options = null, Action<UpfrontRoutingChatClient>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            var client = new UpfrontRoutingChatClient(inner, options ?? services.GetService<IOptions<UpfrontRoutingOptions>>()?.Value);
            configure?.Invoke(client);
            return client;
        });
    }
}
