namespace Cascade.Simulator.Configuration;

/// <summary>
/// How often and how a simulated model errs in <see cref="SimulatorBehavior.Realistic"/> mode, as shares of all its
/// answers. The shipped figures are measured on recorded answers of the real models the simulated one replays
/// (see the simulator's README); every share is drawn per request from the request's hash, so it is deterministic.
/// </summary>
public sealed class ErrorProfileOptions
{
    /// <summary>Gets or sets the share of answers that are wrong (on a support complaint: miss some of the customer's points). <value>The default is 0.</value></summary>
    public double WrongShare { get; set; }

    /// <summary>Gets or sets the share of answers that hedge with two or more doubt phrases. <value>The default is 0.</value></summary>
    public double HedgedShare { get; set; }

    /// <summary>Gets or sets the share of answers that are refusals. <value>The default is 0.</value></summary>
    public double RefusalShare { get; set; }

    /// <summary>Gets or sets the share of answers that stop at the model's output limit (finish reason length). <value>The default is 0.</value></summary>
    public double CutOffShare { get; set; }

    /// <summary>
    /// Gets the quantiles (evenly spaced, lowest first; at least two) of the log-probability the model gives a right
    /// answer. <value>The default is empty: a fixed high confidence.</value>
    /// </summary>
    public List<double> LogprobRight { get; init; } = [];

    /// <summary>Gets the quantiles (evenly spaced, lowest first; at least two) of the log-probability of a wrong answer. <value>The default is empty: a fixed low confidence.</value></summary>
    public List<double> LogprobWrong { get; init; } = [];
}
