using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// A learned up-front router, loaded from a file (<c>Cascade:Routing:Model</c>): per lower tier, a logistic model of whether
/// that tier answers a request well, read off the request's <see cref="RequestFeatures"/>. A request of a workload the
/// model covers goes to the cheapest tier whose probability reaches <see cref="AcceptProbability"/>; a request of any other
/// workload is left to the rules (<see cref="Decide"/> returns <see langword="null"/>).
/// </summary>
/// <remarks>Plug it into <see cref="StartPlanner.Classifier"/>; the route's reason names the model, so a route says whether the model or the rules decided.</remarks>
public sealed record RoutingModel
{
    /// <summary>The workload a request without a workload tag belongs to.</summary>
    public const string GeneralWorkload = "general";

    /// <summary>The features every model reads, in order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
        ["log_question_chars", "log_conversation_chars", "has_code", "question_count", "user_turns", "asks_for_analysis"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Gets the model's name, shown in route reasons.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the workloads the model routes; <see cref="GeneralWorkload"/> stands for requests without a tag.</summary>
    public required IReadOnlyList<string> Workloads { get; init; }

    /// <summary>Gets the lower tiers' models, cheapest first; a request none of them takes goes to <see cref="TopTier"/>.</summary>
    public required IReadOnlyList<RoutingModelTier> Tiers { get; init; }

    /// <summary>Gets the tier a request goes to when no lower tier is likely enough to answer it.</summary>
    public required string TopTier { get; init; }

    /// <summary>Gets the probability at or above which a lower tier takes a request.</summary>
    /// <value>The default value is 0.7.</value>
    public double AcceptProbability { get; init; } = 0.7;

    /// <summary>Gets the confidence at or above which a decision goes straight to its tier; below it, the request cascades from the cheapest tier.</summary>
    /// <value>The default value is 0.6.</value>
    public double ConfidenceThreshold { get; init; } = 0.6;

    /// <summary>Gets the share of held-out requests the routed tier answered well, when measured.</summary>
    public double? TestAccuracy { get; init; }

    /// <summary>Gets how the model was produced (data, command), for the reader of the file.</summary>
    public string? TrainedOn { get; init; }

    /// <summary>Reads the feature vector of a request, in <see cref="FeatureNames"/> order.</summary>
    public static double[] Features(RequestFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return
        [
            Math.Log(1 + features.QuestionCharacters),
            Math.Log(1 + features.ConversationCharacters),
            features.HasCode ? 1 : 0,
            features.QuestionCount,
            features.UserTurns,
            features.AsksForAnalysis ? 1 : 0,
        ];
    }

    /// <summary>Gets whether the model routes a workload (<see langword="null"/> is <see cref="GeneralWorkload"/>).</summary>
    public bool Covers(string? workload) => Workloads.Contains(workload ?? GeneralWorkload, StringComparer.OrdinalIgnoreCase);

    /// <summary>Decides where a request starts, or returns <see langword="null"/> when its workload is not the model's (the rules decide).</summary>
    public RouteDecision? Decide(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        string? workload = CascadeRequestOptions.Workload(options);
        if (!Covers(workload))
        {
            return null;
        }

        double[] x = Features(RequestFeatures.From(messages, workload));
        double best = 0;
        foreach (RoutingModelTier tier in Tiers)
        {
            double p = tier.Probability(x);
            best = Math.Max(best, p);
            if (p >= AcceptProbability)
            {
                return Decision(tier.Tier, p, string.Create(CultureInfo.InvariantCulture, $"P({tier.Tier} answers well) {p:0.00}"));
            }
        }

        return Decision(TopTier, 1 - best, string.Create(CultureInfo.InvariantCulture, $"no lower tier reaches {AcceptProbability:0.##} (best {best:0.00})"));
    }

    /// <summary>Loads a model file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid model; the message lists every problem.</exception>
    public static RoutingModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        RoutingModel? model;
        try
        {
            model = JsonSerializer.Deserialize<RoutingModel>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The routing model '{path}' is not valid JSON: {ex.Message}", ex);
        }

        IReadOnlyList<string> errors = model?.Validate() ?? ["the file is empty"];
        return errors.Count == 0 ? model! : throw new InvalidDataException($"The routing model '{path}' is invalid: {string.Join("; ", errors)}.");
    }

    /// <summary>Writes the model to a file.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + Environment.NewLine);
    }

    /// <summary>Lists every problem of the model; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("'name' is empty");
        }

        if (Workloads is null || Workloads.Count == 0)
        {
            errors.Add("'workloads' is empty");
        }

        if (string.IsNullOrWhiteSpace(TopTier))
        {
            errors.Add("'topTier' is empty");
        }

        foreach (RoutingModelTier tier in Tiers ?? [])
        {
            if (tier.Weights is null || tier.Weights.Count != FeatureNames.Count)
            {
                errors.Add($"tier '{tier.Tier}' has {tier.Weights?.Count ?? 0} weights, not {FeatureNames.Count}");
            }
        }

        if (AcceptProbability is <= 0 or > 1 || ConfidenceThreshold is < 0 or > 1)
        {
            errors.Add("'acceptProbability' is in (0, 1] and 'confidenceThreshold' in [0, 1]");
        }

        return errors;
    }

    /// <summary>The tiers the model names, for checking them against the ladder.</summary>
    public IEnumerable<string> TierNames() => Tiers.Select(t => t.Tier).Append(TopTier);

    private RouteDecision Decision(string tier, double confidence, string why)
    {
        string accuracy = TestAccuracy is { } a ? string.Create(CultureInfo.InvariantCulture, $", test accuracy {a:0.000}") : "";
        string reason = $"learned model '{Name}'{accuracy}: {why}";
        return confidence >= ConfidenceThreshold
            ? new RouteDecision(RouteMode.Upfront, tier, Math.Round(confidence, 3), reason)
            : new RouteDecision(RouteMode.Cascade, Tiers.Count > 0 ? Tiers[0].Tier : TopTier, Math.Round(confidence, 3), $"{reason}; ambiguous below {ConfidenceThreshold:0.##}, cascading");
    }
}
