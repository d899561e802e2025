using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>One way to reach a model: a provider, a model id and the chat client that calls it, with its own price and circuit.</summary>
/// <remarks>A tier holds one or more deployments; a reliability fallback moves between the deployments of one tier, never up the ladder.</remarks>
public sealed class Deployment
{
    /// <summary>Initializes a deployment.</summary>
    /// <param name="name">A name unique within its tier (for example <c>anthropic-primary</c>).</param>
    /// <param name="provider">The provider's name (<c>anthropic</c>, <c>openai</c>, <c>ollama</c>, <c>regex-faq</c>, ...).</param>
    /// <param name="model">The model id sent to the provider.</param>
    /// <param name="client">The chat client that calls the provider; its own retries must be off.</param>
    /// <param name="price">What the model costs.</param>
    public Deployment(string name, string provider, string model, IChatClient client, PriceTable price)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Name = name;
        Provider = provider;
        Model = model;
        Client = client ?? throw new ArgumentNullException(nameof(client));
        Price = price ?? throw new ArgumentNullException(nameof(price));
    }

    /// <summary>Gets the deployment's name, unique within its tier.</summary>
    public string Name { get; }

    /// <summary>Gets the provider's name.</summary>
    public string Provider { get; }

    /// <summary>Gets the model id.</summary>
    public string Model { get; }

    /// <summary>Gets the chat client that calls the provider.</summary>
    public IChatClient Client { get; }

    /// <summary>Gets what the model costs.</summary>
    public PriceTable Price { get; }

    /// <summary>Gets or sets the model's context window in tokens, when known.</summary>
    public int? ContextWindow
    {
        get;
        set => field = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A context window must be positive.");
    }

    /// <summary>Gets or sets the output-token limit used when a request sets none.</summary>
    /// <value>The default value is 1024.</value>
    public int DefaultMaxOutputTokens
    {
        get;
        set => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The output-token limit must be positive.");
    } = 1024;

    /// <summary>Gets the key that names this deployment's circuit in shared state: <c>tier/deployment</c>.</summary>
    public string CircuitKey(string tierName) => $"{tierName}/{Name}";

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Provider}:{Model})";
}
