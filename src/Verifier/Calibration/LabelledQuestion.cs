namespace Cascade.Verifier.Calibration;

/// <summary>One recorded question with every model's labelled answer, in the ladder's price order.</summary>
/// <param name="Workload">The task the question belongs to (for example <c>mmlu</c>), used as the workload tag.</param>
/// <param name="Ladder">The model ladder (<c>llama</c>, <c>qwen_oai</c>, <c>routerbench</c>).</param>
/// <param name="SystemPrompt">The system prompt, if any.</param>
/// <param name="UserPrompt">The question as the models saw it.</param>
/// <param name="Choices">The answer choices of a multiple-choice task, else <see langword="null"/>.</param>
/// <param name="Answers">Every model's answer, cheapest first.</param>
public sealed record LabelledQuestion(
    string Workload,
    string Ladder,
    string? SystemPrompt,
    string UserPrompt,
    IReadOnlyList<string>? Choices,
    IReadOnlyList<LabelledAnswer> Answers);

/// <summary>One model's recorded answer and whether it was right.</summary>
/// <param name="Model">The model id.</param>
/// <param name="Text">The answer's text.</param>
/// <param name="Correct">Whether the answer was graded correct.</param>
/// <param name="LogprobConfidence">The log-probability the model gave its answer, when recorded.</param>
/// <param name="CostUsd">What the call cost.</param>
public sealed record LabelledAnswer(string Model, string Text, bool Correct, double? LogprobConfidence, decimal CostUsd);

/// <summary>The questions of one recorded file.</summary>
/// <param name="Path">The file.</param>
/// <param name="Workload">The task.</param>
/// <param name="Ladder">The model ladder.</param>
/// <param name="Questions">The questions read.</param>
/// <param name="Skipped">Rows skipped because a score was blank.</param>
public sealed record LabelledDataset(string Path, string Workload, string Ladder, IReadOnlyList<LabelledQuestion> Questions, int Skipped)
{
    /// <summary>Gets the dataset's display name: <c>workload</c> or <c>workload/ladder</c>.</summary>
    public string Name => Ladder == RecordedDataReader.RouterBenchLadder ? Workload : $"{Workload}_{Ladder}";
}
