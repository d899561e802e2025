namespace Cascade.Simulator.Configuration;

/// <summary>Where recorded responses are read from.</summary>
public sealed class ReplayOptions
{
    /// <summary>Gets or sets whether replay is on. <value>The default is <see langword="true"/>.</value></summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets the folder of recorded responses (<c>rational-cascades/*.jsonl</c>, <c>routerbench/*.csv</c>): absolute,
    /// or relative to the repository root (the folder holding <c>Cascade.sln</c>) or else the content root. A missing
    /// folder disables replay with a log line. <value>The default is <c>../shared/data/recorded-llm-responses</c>.</value>
    /// </summary>
    public string Path { get; set; } = "../shared/data/recorded-llm-responses";
}
