using System.Text.Json;

namespace Cascade;

/// <summary>
/// A judge model's scores of one answer: accuracy, completeness, clarity and overall from 1 to 5, and whether the question
/// should go to a stronger model. The strict JSON shape the <see cref="JudgeGate"/> asks for.
/// </summary>
public sealed record JudgeRubric
{
    /// <summary>Gets the accuracy score, 1 to 5.</summary>
    public double Accuracy { get; init; }

    /// <summary>Gets the completeness score, 1 to 5.</summary>
    public double Completeness { get; init; }

    /// <summary>Gets the clarity score, 1 to 5.</summary>
    public double Clarity { get; init; }

    /// <summary>Gets the overall score, 1 to 5.</summary>
    public double Overall { get; init; }

    /// <summary>Gets whether the judge asks for escalation.</summary>
    public bool ShouldEscalate { get; init; }

    /// <summary>Gets the judge's reason, if it gave one.</summary>
    public string? Reason { get; init; }

    /// <summary>The JSON schema of the rubric, sent as the judge's <c>response_format</c>.</summary>
    public const string Schema = """
        {
          "type": "object",
          "properties": {
            "accuracy": { "type": "number", "minimum": 1, "maximum": 5 },
            "completeness": { "type": "number", "minimum": 1, "maximum": 5 },
            "clarity": { "type": "number", "minimum": 1, "maximum": 5 },
            "overall": { "type": "number", "minimum": 1, "maximum": 5 },
            "should_escalate": { "type": "boolean" },
            "reason": { "type": "string" }
          },
          "required": ["accuracy", "completeness", "clarity", "overall", "should_escalate"],
          "additionalProperties": false
        }
        """;

    /// <summary>Parses a judge's reply: the JSON object (a code fence or text around it tolerated), every score 1 to 5.</summary>
    /// <param name="text">The judge's reply.</param>
    /// <param name="rubric">The rubric, when valid.</param>
    /// <param name="error">Why the reply is not a valid rubric.</param>
    /// <returns>Whether the reply is a valid rubric.</returns>
    public static bool TryParse(string text, out JudgeRubric? rubric, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        rubric = null;
        int start = text.IndexOf('{', StringComparison.Ordinal);
        int end = text.LastIndexOf('}');
        if (start < 0 || end < start)
        {
            error = "no JSON object in the judge's reply";
            return false;
        }

        string json = text[start..(end + 1)];
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            string[] missing = ["accuracy", "completeness", "clarity", "overall", "should_escalate"];
            missing = missing.Where(name => !root.TryGetProperty(name, out _)).ToArray();
            if (missing.Length > 0)
            {
                error = $"the judge's reply lacks {string.Join(", ", missing)}";
                return false;
            }

            if (root.GetProperty("should_escalate").ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                error = "should_escalate is not true or false";
                return false;
            }

            rubric = root.Deserialize(GateJsonContext.Default.JudgeRubric);
        }
        catch (JsonException ex)
        {
            error = $"the judge's reply is not valid JSON: {ex.Message}";
            return false;
        }
        catch (InvalidOperationException ex)
        {
            error = $"the judge's reply has a wrong type: {ex.Message}";
            return false;
        }

        if (rubric is null)
        {
            error = "the judge's reply is null";
            return false;
        }

        foreach ((string name, double score) in new[] { ("accuracy", rubric.Accuracy), ("completeness", rubric.Completeness), ("clarity", rubric.Clarity), ("overall", rubric.Overall) })
        {
            if (score is < 1 or > 5 || !double.IsFinite(score))
            {
                error = $"{name} {score} is outside 1 to 5";
                rubric = null;
                return false;
            }
        }

        error = null;
        return true;
    }
}
