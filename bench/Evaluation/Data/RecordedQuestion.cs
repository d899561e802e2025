namespace Cascade.Evaluation.Data;

/// <summary>One question of a recording with every model's answer, in ladder order.</summary>
/// <param name="Id">The question's id in its file.</param>
/// <param name="Line">The 1-based line of the file the question starts on.</param>
/// <param name="SystemPrompt">The system prompt, or <see langword="null"/>.</param>
/// <param name="Prompt">The user prompt.</param>
/// <param name="Answers">Each model's answer, indexed like <see cref="RecordedDataset.Models"/>.</param>
public sealed record RecordedQuestion(string Id, int Line, string? SystemPrompt, string Prompt, IReadOnlyList<RecordedAnswer> Answers);
