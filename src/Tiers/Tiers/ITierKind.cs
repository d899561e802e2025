using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace Cascade;

/// <summary>
/// A kind of tier, chosen by name in configuration (<c>Cascade:Tiers:N:Kind</c>): it turns one configured deployment into
/// a <see cref="Deployment"/> with a chat client. Register a new kind with <c>services.AddTierKind&lt;T&gt;()</c>.
/// </summary>
/// <remarks>Clients a kind builds must not retry by themselves: retries and timeouts belong to the cascade.</remarks>
public interface ITierKind
{
    /// <summary>Gets the kind's name (for example <c>anthropic</c>).</summary>
    string Name { get; }

    /// <summary>Gets whether deployments of this kind cost nothing and need no model price or deployment list.</summary>
    bool IsFree => false;

    /// <summary>Creates the chat client of one deployment.</summary>
    /// <param name="context">The tier, the deployment and what they resolve to.</param>
    IChatClient CreateClient(TierKindContext context);
}

/// <summary>What a tier kind is given to build one deployment's client.</summary>
public sealed class TierKindContext
{
    /// <summary>Gets the tier's configuration.</summary>
    public required TierOptions Tier { get; init; }

    /// <summary>Gets the deployment's configuration.</summary>
    public required DeploymentOptions Deployment { get; init; }

    /// <summary>Gets the base URL: the deployment's, else the provider default's, with service names resolved; <see langword="null"/> for the provider's public endpoint.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Gets the API key: the deployment's, its variable's, the provider default's, or the provider's usual variable.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Gets the application's configuration.</summary>
    public required IConfiguration Configuration { get; init; }

    /// <summary>Gets the application's services.</summary>
    public required IServiceProvider Services { get; init; }
}
