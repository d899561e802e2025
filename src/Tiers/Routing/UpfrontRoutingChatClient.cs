using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// Classifies each request before any model is called: a regex FAQ match goes to the FAQ tier; a confident
/// classification goes straight to its tier; anything else cascades from the workload's start tier. The decision and
/// its reason go into the route.
/// </summary>
/// <remarks>
/// Place it before the cascade (<c>builder.UseUpfrontRouting().UseCascade(...)</c>). Requests pinned to a tier or
/// already carrying a decision pass through untouched. FAQ patterns run once: the match travels to the cascade.
/// </remarks>
public sealed class UpfrontRoutingChatClient : DelegatingChatClient
{
    private readonly UpfrontClassifier _classifier;
    private CascadeChatClient? _cascade;

    /// <summary>Initializes the router.</summary>
    /// <param name="innerClient">The pipeline holding the cascade.</param>
    /// <param name="options">The classifier's settings.</param>
    public UpfrontRoutingChatClient(IChatClient innerClient, UpfrontRoutingOptions? options = null)
        : base(innerClient)
    {
        Options = options ?? new UpfrontRoutingOptions();
        _classifier = new UpfrontClassifier(Options);
    }

    /// <summary>Gets the classifier's settings.</summary>
    public UpfrontRoutingOptions Options { get; }

    /// <inheritdoc/>
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ChatMessage> list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        return base.GetResponseAsync(list, Route(list, options), cancellationToken);
    }

    /// <inheritdoc/>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ChatMessage> list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        return base.GetStreamingResponseAsync(list, Route(list, options), cancellationToken);
    }

    /// <summary>Decides where a request starts; returns options carrying the decision (a copy; the caller's are not changed).</summary>
    public ChatOptions? Route(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (CascadeRequestOptions.PinnedTier(options) is not null || CascadeRequestOptions.Decision(options) is not null)
        {
            return options;
        }

        CascadeChatClient cascade = _cascade ??= InnerClient.GetService<CascadeChatClient>()
            ?? throw new InvalidOperationException("Up-front routing found no cascade in its pipeline: call UseUpfrontRouting() before UseCascade(...).");
        string? workload = CascadeRequestOptions.Workload(options);
        ChatOptions routed = options?.Clone() ?? new ChatOptions();
        routed.AdditionalProperties = options?.AdditionalProperties is { } properties ? new(properties) : [];

        IReadOnlyList<CascadeRung> rungs = cascade.Rungs;
        var faqRungs = rungs.TakeWhile(r => r.Tier.Primary.Client is RegexFaqChatClient).ToList();
        string? faqMiss = null;
        foreach (CascadeRung faqRung in faqRungs)
        {
            var faq = (RegexFaqChatClient)faqRung.Tier.Primary.Client;
            if (faq.TryMatch(messages) is { } entry)
            {
                routed.AdditionalProperties[CascadeOptionKeys.FaqMatch] = entry;
                routed.AdditionalProperties[CascadeOptionKeys.RouteDecision] = new RouteDecision(RouteMode.Upfront, faqRung.Name, 1.0, $"FAQ pattern '{entry.Pattern}' matched");
                return routed;
            }

            faqMiss = $"no pattern of '{faqRung.Name}' matched";
        }

        List<string> modelTiers = rungs.Skip(faqRungs.Count).Where(r => r.Tier.Primary.Client is not RegexFaqChatClient).Select(r => r.Name).ToList();
        (string tier, double confidence, string reason) = _classifier.Classify(RequestFeatures.From(messages, workload), modelTiers);
        if (faqMiss is not null)
        {
            reason = $"{faqMiss}; {reason}";
        }

        RouteDecision decision;
        if (confidence >= Options.ConfidenceThreshold)
        {
            decision = new RouteDecision(RouteMode.Upfront, tier, confidence, reason);
        }
        else
        {
            string start = workload is not null && cascade.Ladder.WorkloadStartTiers.TryGetValue(workload, out string? configured) ? configured : modelTiers[0];
            if (faqRungs.Any(r => string.Equals(r.Name, start, StringComparison.OrdinalIgnoreCase)))
            {
                start = modelTiers[0];
            }

            decision = new RouteDecision(RouteMode.Cascade, start, confidence, $"ambiguous: {reason} suggests '{tier}' below the {Options.ConfidenceThreshold:0.##} threshold");
        }

        routed.AdditionalProperties[CascadeOptionKeys.RouteDecision] = decision;
        return routed;
    }
}
