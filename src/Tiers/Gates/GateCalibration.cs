using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cascade;

/// <summary>
/// Thresholds learned from labelled answers, per workload and model, so that at most a target share of accepted answers
/// is wrong. The verifier's <c>calibrate</c> command writes it; the verifier and <see cref="LogprobConfidenceGate"/> load it.
/// </summary>
public sealed record GateCalibration
{
    /// <summary>Gets when the calibration was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the largest share of accepted answers allowed to be wrong that the thresholds were tuned for.</summary>
    public double MaxFalseAcceptRate { get; init; }

    /// <summary>Gets the confidence with which the target was to hold (0: on the learning data as observed).</summary>
    public double Confidence { get; init; }

    /// <summary>Gets where the labelled data came from.</summary>
    public string? Source { get; init; }

    /// <summary>Gets the calibration per workload (case-insensitive names).</summary>
    public Dictionary<string, WorkloadCalibration> Workloads { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds the log-probability threshold of a workload and model: the model's own, else the workload's.</summary>
    /// <returns>The threshold, or <see langword="null"/> when the calibration has none.</returns>
    public double? LogprobThreshold(string? workload, string? model)
    {
        if (workload is null || !Workloads.TryGetValue(workload, out WorkloadCalibration? calibration))
        {
            return null;
        }

        return model is not null && calibration.Models.TryGetValue(model, out ModelCalibration? byModel) && byModel.LogprobThreshold is { } threshold
            ? threshold
            : calibration.LogprobThreshold;
    }

    /// <summary>
    /// Finds the abstention rule learned for a workload and model: <see cref="AbstentionRule.Reject"/> where the text checks
    /// alone let through too many wrong answers (only a positive signal should keep them), <see cref="AbstentionRule.Accept"/>
    /// where they sufficed.
    /// </summary>
    /// <returns>The rule, or <see langword="null"/> when the calibration has none.</returns>
    public AbstentionRule? AbstentionFor(string? workload, string? model)
    {
        if (workload is null || !Workloads.TryGetValue(workload, out WorkloadCalibration? calibration))
        {
            return null;
        }

        return model is not null && calibration.Models.TryGetValue(model, out ModelCalibration? byModel) && byModel.Abstention is { } rule
            ? rule
            : calibration.Abstention;
    }

    /// <summary>Reads a calibration file.</summary>
    /// <exception cref="InvalidDataException">The file is not a calibration.</exception>
    public static GateCalibration Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The calibration file '{path}' does not exist; produce it with the verifier's 'calibrate' command.", path);
        }

        try
        {
            GateCalibration calibration = JsonSerializer.Deserialize(File.ReadAllText(path), GateJsonContext.Default.GateCalibration)
                ?? throw new InvalidDataException($"The calibration file '{path}' is empty.");
            return calibration with { Workloads = new(calibration.Workloads, StringComparer.OrdinalIgnoreCase) };
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The calibration file '{path}' is not valid: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the calibration as indented JSON.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(this, GateJsonContext.Default.GateCalibration));
    }
}

/// <summary>The calibration of one workload.</summary>
public sealed record WorkloadCalibration
{
    /// <summary>Gets the log-probability threshold for models without their own.</summary>
    public double? LogprobThreshold { get; init; }

    /// <summary>Gets the abstention rule for models without their own.</summary>
    public AbstentionRule? Abstention { get; init; }

    /// <summary>Gets the calibration per model id.</summary>
    public Dictionary<string, ModelCalibration> Models { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>The calibration of one model on one workload, with what it achieved on the data it was learned from.</summary>
public sealed record ModelCalibration
{
    /// <summary>Gets the log-probability at or above which an answer is accepted.</summary>
    public double? LogprobThreshold { get; init; }

    /// <summary>Gets what to say when every check abstains (see <see cref="GateCalibration.AbstentionFor"/>).</summary>
    public AbstentionRule? Abstention { get; init; }

    /// <summary>Gets the share of answers that passed the text checks (and were accepted when nothing else decided) that were correct.</summary>
    public double TextChecksPrecision { get; init; }

    /// <summary>Gets the number of labelled answers the threshold was learned from.</summary>
    public int Samples { get; init; }

    /// <summary>Gets the share of those answers that were correct.</summary>
    public double Accuracy { get; init; }

    /// <summary>Gets the share of accepted answers that were correct, on the learning data.</summary>
    public double Precision { get; init; }

    /// <summary>Gets the share of correct answers that were accepted, on the learning data.</summary>
    public double Recall { get; init; }

    /// <summary>Gets the share of answers accepted, on the learning data.</summary>
    public double AcceptRate { get; init; }
}

/// <summary>Source-generated JSON metadata of the gate types (snake_case on the wire).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GateCalibration))]
[JsonSerializable(typeof(JudgeRubric))]
public sealed partial class GateJsonContext : JsonSerializerContext;
