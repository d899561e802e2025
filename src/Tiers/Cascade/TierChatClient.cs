using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// An <see cref="IChatClient"/> over one tier: each call goes through the tier's invoker (its deployments, retries and
/// circuits) and the response carries a route with the tier's attempts.
/// </summary>
/// <remarks>
/// A cascade whose inner client is a <see cref="TierChatClient"/> uses that tier, with all its deployments, as its
/// final tier. <see cref="GetService"/> returns the <see cref="Cascade.Tier"/> for <c>typeof(Tier)</c>.
/// </remarks>
public sealed class TierChatClient : IChatClient
{
    private readonly ChatClientMetadata _metadata;

    /// <summary>Initializes a client over <paramref name="tier"/>.</summary>
    /// <param name="tier">The tier.</param>
    /// <param name="invoker">How the tier is called; <see cref="DirectTierInvoker"/> when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock attempts are timed with.</param>
    public TierChatClient(Tier tier, ITierInvoker? invoker = null, TimeProvider? timeProvider = null)
    {
        Tier = tier ?? throw new ArgumentNullException(nameof(tier));
        Invoker = invoker ?? new DirectTierInvoker();
        TimeProvider = timeProvider ?? TimeProvider.System;
        _metadata = new ChatClientMetadata("cascade", defaultModelId: tier.Primary.Model);
    }

    /// <summary>Gets the tier.</summary>
    public Tier Tier { get; }

    /// <summary>Gets the invoker.</summary>
    public ITierInvoker Invoker { get; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        RequestLedger ledger = NewLedger(options);
        TierResponse answer = await Invoker.GetResponseAsync(new TierRequest(Tier, messages.ToList(), options, ledger), cancellationToken);
        ChatResponse response = answer.Response;
        (response.AdditionalProperties ??= [])[CascadeRoute.PropertyKey] = RouteOf(ledger);
        return response;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        RequestLedger ledger = NewLedger(options);
        await foreach (ChatResponseUpdate update in Invoker.GetStreamingResponseAsync(new TierRequest(Tier, messages.ToList(), options, ledger), cancellationToken))
        {
            yield return update;
        }

        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, AdditionalProperties = new() { [CascadeRoute.PropertyKey] = RouteOf(ledger) } };
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(Tier) ? Tier
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private RequestLedger NewLedger(ChatOptions? options) =>
        new(CascadeRequestOptions.RequestId(options), CascadeRequestOptions.Workload(options), TimeProvider)
        {
            Limits = CascadeRequestOptions.Limits(options) ?? RequestLimits.Default,
        };

    private CascadeRoute RouteOf(RequestLedger ledger)
    {
        IReadOnlyList<AttemptRecord> attempts = ledger.Attempts;
        AttemptRecord? kept = attempts.LastOrDefault(a => a.Outcome is AttemptOutcome.Kept or AttemptOutcome.Accepted);
        return new CascadeRoute
        {
            RequestId = ledger.RequestId,
            Workload = ledger.Workload,
            Decision = new RouteDecision(RouteMode.Pinned, Tier.Name, Reason: "single tier"),
            ResolvedTier = kept?.Tier,
            ResolvedModel = kept?.Model,
            Attempts = attempts,
        };
    }
}
