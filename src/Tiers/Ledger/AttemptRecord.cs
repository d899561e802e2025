namespace Cascade;

/// <summary>One provider call made for a request: where it went, why, what it cost and how it ended.</summary>
public sealed record AttemptRecord
{
    /// <summary>Gets the request id every attempt of one request shares.</summary>
    public required string RequestId { get; init; }

    /// <summary>Gets the attempt's position in the request, from 1.</summary>
    public required int Sequence { get; init; }

    /// <summary>Gets the tier's name.</summary>
    public required string Tier { get; init; }

    /// <summary>Gets the deployment's name.</summary>
    public required string Deployment { get; init; }

    /// <summary>Gets the provider's name.</summary>
    public required string Provider { get; init; }

    /// <summary>Gets the model id.</summary>
    public required string Model { get; init; }

    /// <summary>Gets why the attempt was made.</summary>
    public required AttemptKind Kind { get; init; }

    /// <summary>Gets the cause of the switch that led here (a failure cause or a gate's rejection), or <see langword="null"/> for the first attempt.</summary>
    public string? SwitchCause { get; init; }

    /// <summary>Gets how the attempt ended.</summary>
    public required AttemptOutcome Outcome { get; init; }

    /// <summary>Gets the failure's cause when <see cref="Outcome"/> is <see cref="AttemptOutcome.Failed"/> or <see cref="AttemptOutcome.Cancelled"/>.</summary>
    public FailureCause? Failure { get; init; }

    /// <summary>Gets the error message of a failed attempt.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the tokens billed (or, when <see cref="TokenUsage.IsEstimated"/>, counted locally).</summary>
    public TokenUsage Usage { get; init; }

    /// <summary>Gets whether the provider bills this attempt (it accepted the call).</summary>
    public required bool Billed { get; init; }

    /// <summary>Gets the USD cost; zero when not billed.</summary>
    public decimal Cost { get; init; }

    /// <summary>Gets when the attempt started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets the time to the first streamed update or, unstreamed, to the response.</summary>
    public TimeSpan? TimeToFirstToken { get; init; }

    /// <summary>Gets how long the attempt took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Gets the deciding gate verdict of the answer, when it was gated.</summary>
    public GateVerdict? Verdict { get; init; }

    /// <summary>Gets every verdict the answer's gates gave, cheapest first.</summary>
    public IReadOnlyList<GateVerdict> Verdicts { get; init; } = [];
}
