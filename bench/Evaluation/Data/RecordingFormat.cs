namespace Cascade.Evaluation.Data;

/// <summary>The two recording formats the evaluation reads.</summary>
public enum RecordingFormat
{
    /// <summary>JSON Lines, one question a line, a <c>models</c> object of answers (the rational-cascades files).</summary>
    JsonLines,

    /// <summary>RouterBench CSV: a 0/1 score, <c>|model_response</c> and <c>|total_cost</c> column per model.</summary>
    RouterBenchCsv,

    /// <summary>FrugalGPT-style CSV: a 0/1 score, <c>_answer</c> and <c>_cost</c> column per model.</summary>
    FrugalGptCsv,
}
