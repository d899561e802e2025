namespace Cascade.Router;

/// <summary>The alarm thresholds, bound from <c>Router:Alarms</c>.</summary>
public sealed class AlarmOptions
{
    /// <summary>Gets or sets whether alarms are evaluated.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how often the alarms are evaluated in the background (<c>GET /v1/stats</c> also evaluates them).</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many recent requests the escalation rate (per workload) and fallback share (over all keys) are measured on.</summary>
    /// <value>The default value is 200.</value>
    public int Window { get; set; } = 200;

    /// <summary>Gets or sets the fewest requests in the window before a rate or share can raise an alarm.</summary>
    /// <value>The default value is 20.</value>
    public int MinimumRequests { get; set; } = 20;

    /// <summary>Gets or sets the escalation rate of a workload above which an alarm is raised.</summary>
    /// <value>The default value is 0.5.</value>
    public double EscalationRate { get; set; } = 0.5;

    /// <summary>Gets or sets the share of requests with a reliability fallback above which an alarm is raised.</summary>
    /// <value>The default value is 0.05.</value>
    public double FallbackShare { get; set; } = 0.05;

    /// <summary>
    /// Gets or sets how far ahead of its cap's pace a key may spend: an alarm is raised when the billed spend of the day
    /// (month) passes the cap times the elapsed share of the day (month) times this factor.
    /// </summary>
    /// <value>The default value is 1.0 (at this rate the cap is reached before the period ends).</value>
    public double SpendPaceTolerance { get; set; } = 1.0;

    /// <summary>Gets or sets the share of a cap a key must have spent before its pace can raise an alarm, so the first request of a day does not.</summary>
    /// <value>The default value is 0.1.</value>
    public double SpendPaceMinimumShare { get; set; } = 0.1;

    /// <summary>Lists every problem of the options; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate(string path = "Router:Alarms")
    {
        List<string> errors = [];
        if (EvaluationInterval <= TimeSpan.Zero)
        {
            errors.Add($"{path}:EvaluationInterval must be positive; it is {EvaluationInterval}.");
        }

        if (Window < 1)
        {
            errors.Add($"{path}:Window must be at least 1; it is {Window}.");
        }

        if (MinimumRequests < 1)
        {
            errors.Add($"{path}:MinimumRequests must be at least 1; it is {MinimumRequests}.");
        }

        Share(EscalationRate, "EscalationRate");
        Share(FallbackShare, "FallbackShare");
        Share(SpendPaceMinimumShare, "SpendPaceMinimumShare");
        if (SpendPaceTolerance <= 0 || double.IsNaN(SpendPaceTolerance))
        {
            errors.Add($"{path}:SpendPaceTolerance must be positive; it is {SpendPaceTolerance}.");
        }

        return errors;

        void Share(double value, string setting)
        {
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                errors.Add($"{path}:{setting} must be between 0 and 1; it is {value}.");
            }
        }
    }
}
