namespace Cascade.Simulator.Configuration;

/// <summary>One simulated model.</summary>
public sealed class SimulatedModelOptions
{
    /// <summary>Gets or sets the display name. <value>The default is the id.</value></summary>
    public string? DisplayName { get; set; }

    /// <summary>Gets or sets the owner shown by <c>GET /v1/models</c> (<c>anthropic</c>, <c>openai</c>...).</summary>
    public string OwnedBy { get; set; } = "cascade-simulator";

    /// <summary>Gets or sets how capable the model is, from 0 (weakest) to 1 (strongest). <value>The default is 0.5.</value></summary>
    public double Capability { get; set; } = 0.5;

    /// <summary>Gets or sets the context window in tokens; a longer prompt gets the API's "prompt is too long" 400. <value>The default is 200000.</value></summary>
    public long ContextWindow { get; set; } = 200_000;

    /// <summary>Gets or sets the largest accepted <c>max_tokens</c>. <value>The default is 64000.</value></summary>
    public long MaxOutputTokens { get; set; } = 64_000;

    /// <summary>Gets or sets the time to first token in milliseconds. <value>The default is 500.</value></summary>
    public double TimeToFirstTokenMs { get; set; } = 500;

    /// <summary>Gets or sets the generation speed in output tokens per second. <value>The default is 80.</value></summary>
    public double TokensPerSecond { get; set; } = 80;

    /// <summary>Gets the dataset models (recorded-response ladders) this model replays, in order of preference.</summary>
    public List<string> ReplayAs { get; init; } = [];

    /// <summary>Gets or sets a standing fault in the <c>x-sim-fault</c> syntax (e.g. <c>429;retry-after=2;rate=0.1</c>). <value>The default is none.</value></summary>
    public string? Fault { get; set; }

    /// <summary>Gets the model's error profile in <see cref="SimulatorBehavior.Realistic"/> mode.</summary>
    public ErrorProfileOptions Errors { get; init; } = new();
}
