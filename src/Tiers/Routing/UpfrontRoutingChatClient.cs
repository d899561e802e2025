using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// Turns on up-front routing in the cascade behind it: a regex FAQ match goes to the FAQ tier; a confident
/// classification goes straight to its tier; anything else cascades from the workload's start tier. The decision and
/// its reason go into the route.
/// </summary>
/// <remarks>
/// Place it before the cascade (<c>builder.UseUpfrontRouting().UseCascade(...)</c>). It is the cascade's
/// <see cref="StartPlanner"/> that classifies, once per request, with <see cref="Options"/> as its
/// <see cref="StartPlanner.Upfront"/>; this client only installs them and passes requests through.
/// </remarks>
public sealed class UpfrontRoutingChatClient : DelegatingChatClient
{
    private readonly CascadeChatClient? _cascade;

    /// <summary>Initializes the router.</summary>
    /// <param name="innerClient">The pipeline holding the cascade.</param>
    /// <param name="options">The classifier's settings.</param>
    public UpfrontRoutingChatClient(IChatClient innerClient, UpfrontRoutingOptions? options = null)
        : base(innerClient)
    {
        Options = options ?? new UpfrontRoutingOptions();
        _cascade = innerClient.GetService<CascadeChatClient>();
        _cascade?.Planner.Upfront = Options;
    }

    /// <summary>Gets the classifier's settings.</summary>
    public UpfrontRoutingOptions Options { get; }

    /// <inheritdoc/>
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ThrowIfNoCascade();
        return base.GetResponseAsync(messages, options, cancellationToken);
    }

    /// <inheritdoc/>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ThrowIfNoCascade();
        return base.GetStreamingResponseAsync(messages, options, cancellationToken);
    }

    // Thrown on use rather than when the pipeline is built, so a pipeline built in the wrong order still says how to fix it.
    private void ThrowIfNoCascade()
    {
        if (_cascade is null)
        {
            throw new InvalidOperationException("Up-front routing found no cascade in its pipeline: call UseUpfrontRouting() before UseCascade(...).");
        }
    }
}
