namespace Cascade.Evaluation.Data;

/// <summary>What kind of answer a dataset expects; it decides how answers are compared and checked.</summary>
public enum TaskKind
{
    /// <summary>A letter among A to E (MMLU, MedMCQA, ARC).</summary>
    MultipleChoice,

    /// <summary>A short free-text answer (TriviaQA, TruthfulQA).</summary>
    FreeText,

    /// <summary>A worked solution ending in a number (GSM8K).</summary>
    Math,

    /// <summary>A program (MBPP).</summary>
    Code,
}
