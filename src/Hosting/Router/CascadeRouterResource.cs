namespace Cascade.Hosting.Router;

/// <summary>
/// The Cascade router as something an app references: its connection string is
/// <c>Endpoint=&lt;router's http endpoint&gt;;Key=&lt;API key&gt;</c>, which <c>AddCascadeChatClient</c> reads. It runs no process
/// of its own; it is Running once the router project is ready, so <c>WaitFor</c> on it waits for the router.
/// </summary>
/// <param name="name">The resource's name, also the connection-string name clients use.</param>
/// <param name="router">The router project.</param>
/// <param name="apiKey">The router API key handed to referencing apps.</param>
public sealed class CascadeRouterResource(string name, ProjectResource router, ParameterResource apiKey) : Resource(name), IResourceWithConnectionString
{
    /// <summary>Gets the router project.</summary>
    public ProjectResource Router { get; } = router;

    /// <summary>Gets the API key parameter.</summary>
    public ParameterResource ApiKey { get; } = apiKey;

    /// <inheritdoc/>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Endpoint={Router.GetEndpoint("http")};Key={ApiKey}");
}
