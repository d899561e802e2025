namespace Cascade.Evaluation.Data;

/// <summary>How a model's recorded cost is expressed as a price table and a token usage, so that <see cref="PriceTable.CostOf(TokenUsage)"/> gives it back exactly.</summary>
/// <param name="Model">The model.</param>
/// <param name="Mode">Whether real tokens or cost units are billed.</param>
/// <param name="Price">The price table the replayed deployment carries.</param>
public sealed record ModelPricing(string Model, PricingMode Mode, PriceTable Price)
{
    /// <summary>The price of a million cost units: one unit is one picodollar (1e-12 USD).</summary>
    public const decimal CostUnitPricePerMillion = 0.000001m;

    /// <summary>Gets the usage a replayed call reports for an answer.</summary>
    public TokenUsage UsageOf(RecordedAnswer answer) => Mode switch
    {
        PricingMode.Tokens => answer.Tokens ?? throw new InvalidOperationException($"{Model}: an answer without token counts cannot be billed by tokens."),
        _ => new TokenUsage(decimal.ToInt64(answer.Cost * 1_000_000_000_000m), 0),
    };

    /// <summary>Gets the cost of an answer with this pricing: the figure the middleware computes.</summary>
    public decimal CostOf(RecordedAnswer answer) => Price.CostOf(UsageOf(answer));
}

/// <summary>What a replayed call's usage counts.</summary>
public enum PricingMode
{
    /// <summary>The recorded input and output tokens, at per-million prices fitted to the recorded costs.</summary>
    Tokens,

    /// <summary>Picodollars reported as input tokens at <see cref="ModelPricing.CostUnitPricePerMillion"/>: used when the file has no token counts, or they do not explain the recorded cost (a judge's cost folded in).</summary>
    CostUnits,
}
