namespace Cascade.Client;

/// <summary>
/// The settings of <c>AddCascadeChatClient</c>, bound from
/// <c>Cascade:Client</c> and then <c>Cascade:Client:&lt;connection name&gt;</c>; the connection string
/// <c>ConnectionStrings:&lt;connection name&gt;</c> (<c>Endpoint=...;Key=...;Model=...</c>) fills what they leave unset.
/// </summary>
public sealed class CascadeClientSettings
{
    /// <summary>Gets or sets the router's base address (without <c>/v1</c>).</summary>
    /// <value>
    /// The default value is <see langword="null"/>: the connection string's <c>Endpoint</c>, else <c>http://&lt;connection name&gt;</c>
    /// resolved by service discovery (<c>services:&lt;connection name&gt;:http:0</c>).
    /// </value>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the router API key.</summary>
    /// <value>The default value is <see langword="null"/>: the connection string's <c>Key</c>. A key is required.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the model the client asks for: <c>cascade</c> (the router decides), a preset or a provider model.</summary>
    /// <value>The default value is <c>cascade</c>, or the connection string's <c>Model</c>.</value>
    public string? Model { get; set; }

    /// <summary>Gets or sets how long one call may take before the client gives up (the router's own attempt timeouts are shorter).</summary>
    /// <value>The default value is 100 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Gets or sets a value indicating whether the router's health (<c>/alive</c>) is part of this app's health checks.</summary>
    /// <value>The default value is <see langword="false"/>: the health check is registered.</value>
    public bool DisableHealthChecks { get; set; }

    /// <summary>Gets or sets a value indicating whether the client's GenAI spans and metrics (<c>gen_ai.*</c>) are off.</summary>
    /// <value>The default value is <see langword="false"/>: OpenTelemetry is on (source <c>Experimental.Microsoft.Extensions.AI</c>).</value>
    public bool DisableTracing { get; set; }
}
