namespace Cascade;

/// <summary>One failed provider call, as an outcome travelling through the tier's Polly pipeline (never thrown to callers).</summary>
internal sealed class ProviderCallException(FailureClassification classification, AttemptRecord attempt, FailureDecision decision, Exception? inner)
    : Exception(classification.Message, inner)
{
    public FailureClassification Classification { get; } = classification;

    public AttemptRecord Attempt { get; } = attempt;

    public FailureDecision Decision { get; } = decision;

    /// <summary>Gets or sets the delay chosen for the retry (set when the retry predicate allows one).</summary>
    public TimeSpan? RetryDelay { get; set; }

    /// <summary>Gets or sets the request ceiling that forbade the retry, when one did.</summary>
    public BudgetStop? BudgetStop { get; set; }

    /// <summary>Gets or sets why a retry the table asked for was not made.</summary>
    public string? RetrySkipped { get; set; }
}
