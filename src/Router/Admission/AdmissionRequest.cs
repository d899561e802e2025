namespace Cascade.Router;

/// <summary>What admission needs to know of a request before it runs.</summary>
public sealed record AdmissionRequest
{
    /// <summary>Gets the model asked for (<c>cascade</c>, <c>cascade/&lt;workload&gt;</c> or a tier name).</summary>
    public required string Model { get; init; }

    /// <summary>Gets the workload the request is tagged with.</summary>
    public string? Workload { get; init; }

    /// <summary>Gets the request's token estimate: its prompt plus the most output it asks for.</summary>
    public long EstimatedTokens { get; init; }

    /// <summary>Gets a lower cost ceiling the caller asked for, if any.</summary>
    public decimal? MaxCost { get; init; }
}
