namespace Cascade.Router;

/// <summary>The caps a reservation is admitted against.</summary>
/// <param name="Daily">The daily cap in USD, or <see langword="null"/> for none.</param>
/// <param name="Monthly">The monthly cap in USD, or <see langword="null"/> for none.</param>
public readonly record struct SpendCaps(decimal? Daily, decimal? Monthly)
{
    /// <summary>Gets caps that admit everything.</summary>
    public static SpendCaps None => default;

    /// <summary>Gets the caps of a key's policy.</summary>
    public static SpendCaps Of(ApiKeyPolicy policy) => new(policy?.DailySpendCap, policy?.MonthlySpendCap);
}
