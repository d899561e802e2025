namespace Cascade;

/// <summary>Options of the <see cref="LogprobConfidenceGate"/>.</summary>
public sealed class LogprobConfidenceGateOptions
{
    /// <summary>The default threshold: the log of 0.8, an answer the model gave at least 80 % probability.</summary>
    public static readonly double DefaultThreshold = Math.Log(0.8);

    /// <summary>Gets or sets the log-probability at or above which an answer is accepted, when neither the workload nor the calibration set one.</summary>
    /// <value>The default value is <see cref="DefaultThreshold"/> (about -0.223).</value>
    public double Threshold
    {
        get;
        set => field = value <= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Threshold), value, "A log-probability threshold must be a finite number at most 0.");
    } = DefaultThreshold;

    /// <summary>Gets the thresholds per workload tag (case-insensitive); they take precedence over the calibration.</summary>
    public Dictionary<string, double> WorkloadThresholds { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the calibration whose per-workload (and per-model) thresholds apply when <see cref="WorkloadThresholds"/> has none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public GateCalibration? Calibration { get; set; }

    /// <summary>Gets or sets how provider token logprobs are combined.</summary>
    /// <value>The default value is <see cref="LogprobAggregation.Sum"/>: the log-probability of the whole answer.</value>
    public LogprobAggregation Aggregation { get; set; } = LogprobAggregation.Sum;

    /// <summary>Gets or sets whether the gate asks its tier's OpenAI deployments to return token logprobs.</summary>
    /// <value>The default value is <see langword="true"/>; turn it off when the caller's own options already ask.</value>
    public bool RequestLogprobs { get; set; } = true;

    /// <summary>Gets the threshold that applies to a workload and model.</summary>
    public double ThresholdFor(string? workload, string? model) =>
        workload is not null && WorkloadThresholds.TryGetValue(workload, out double threshold) ? threshold
        : Calibration?.LogprobThreshold(workload, model) ?? Threshold;

    /// <summary>
    /// Reads the options from gate settings: <c>Threshold</c>, <c>WorkloadThresholds</c> (<c>mmlu=-0.1|trivia=-0.5</c>),
    /// <c>CalibrationFile</c> (a path, loaded now), <c>Aggregation</c> and <c>RequestLogprobs</c>.
    /// </summary>
    public static LogprobConfidenceGateOptions FromSettings(GateSettings settings)
    {
        var options = new LogprobConfidenceGateOptions
        {
            Threshold = settings.GetDouble(nameof(Threshold), DefaultThreshold),
            Aggregation = settings.GetEnum(nameof(Aggregation), LogprobAggregation.Sum),
            RequestLogprobs = settings.GetBoolean(nameof(RequestLogprobs), true),
        };
        foreach ((string workload, double threshold) in settings.GetNumberMap(nameof(WorkloadThresholds)) ?? new Dictionary<string, double>())
        {
            if (threshold > 0)
            {
                throw settings.Error(nameof(WorkloadThresholds), $"the threshold of '{workload}' ({threshold}) is above 0");
            }

            options.WorkloadThresholds[workload] = threshold;
        }

        if (settings.GetString("CalibrationFile") is { } path)
        {
            try
            {
                options.Calibration = GateCalibration.Load(path);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                throw new GateConfigurationException(settings.Kind, "CalibrationFile", $"Gate '{settings.Kind}' setting 'CalibrationFile': {ex.Message}", ex);
            }
        }

        return options;
    }
}
