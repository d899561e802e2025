namespace Cascade.Simulator.Calibration;

/// <summary>Error figures measured on recorded answers of real models.</summary>
public sealed record ErrorMeasurement
{
    /// <summary>Gets the answers the hedging, refusal and cut-off shares are measured on.</summary>
    public required int Answers { get; init; }

    /// <summary>Gets the answers the wrong share and the log-probability quantiles are measured on.</summary>
    public required int GradedAnswers { get; init; }

    /// <summary>Gets the share of graded answers that are wrong.</summary>
    public required double WrongShare { get; init; }

    /// <summary>Gets the share of answers with two or more of the hedging gate's phrases.</summary>
    public required double HedgedShare { get; init; }

    /// <summary>Gets the share of answers that are refusals.</summary>
    public required double RefusalShare { get; init; }

    /// <summary>Gets the share of answers that stopped at the recording's output limit.</summary>
    public required double CutOffShare { get; init; }

    /// <summary>Gets the percentiles (0 %, 1 % ... 100 %) of the log-probability of right answers.</summary>
    public required IReadOnlyList<double> LogprobRight { get; init; }

    /// <summary>Gets the percentiles of the log-probability of wrong answers.</summary>
    public required IReadOnlyList<double> LogprobWrong { get; init; }
}
