namespace Cascade.Evaluation.Reports;

/// <summary>A figure with a bootstrap percentile confidence interval.</summary>
/// <param name="Estimate">The figure on the full sample.</param>
/// <param name="Low">The interval's lower end.</param>
/// <param name="High">The interval's upper end.</param>
public sealed record BootstrapInterval(double Estimate, double Low, double High);
