namespace Cascade.Simulator.Configuration;

/// <summary>The <c>Simulator</c> configuration section.</summary>
public sealed class SimulatorOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Simulator";

    /// <summary>Gets the simulated models by id.</summary>
    public Dictionary<string, SimulatedModelOptions> Models { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Gets the accepted API keys. <value>The default is empty: any non-empty key is accepted.</value></summary>
    public List<string> ApiKeys { get; init; } = [];

    /// <summary>Gets or sets the key that admin endpoints require (<c>x-admin-key</c> or <c>Authorization: Bearer</c>). Empty disables the admin endpoints.</summary>
    public string AdminKey { get; set; } = string.Empty;

    /// <summary>Gets or sets the factor applied to every latency profile. <value>The default is 1; 0 answers without delay.</value></summary>
    public double LatencyScale { get; set; } = 1.0;

    /// <summary>Gets or sets whether the <c>x-sim-fault</c> request header may inject a fault. <value>The default is <see langword="true"/>.</value></summary>
    public bool AllowFaultHeader { get; set; } = true;

    /// <summary>Gets or sets the seed mixed into every answer when a request gives none. <value>The default is 0.</value></summary>
    public long Seed { get; set; }

    /// <summary>Gets or sets how many ledger entries are kept (totals per key are always kept). <value>The default is 100000.</value></summary>
    public int LedgerCapacity { get; set; } = 100_000;

    /// <summary>
    /// Gets or sets the price file (the format of <c>src/Tiers/Pricing/prices.json</c>) the ledger's costs use.
    /// <value>The default is <c>Cascade:PriceFile</c> when set, else the prices built into Cascade.Tiers.</value>
    /// </summary>
    public string? PriceFile { get; set; }

    /// <summary>Gets or sets which answer and error logic runs. <value>The default is <see cref="SimulatorBehavior.Legacy"/>.</value></summary>
    public SimulatorBehavior Behavior { get; set; } = SimulatorBehavior.Legacy;

    /// <summary>Gets the replay settings.</summary>
    public ReplayOptions Replay { get; init; } = new();
}
