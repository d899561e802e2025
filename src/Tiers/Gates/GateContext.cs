using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>What a gate sees: the request, the candidate answer, where it came from and what is expected of it.</summary>
public sealed class GateContext
{
    /// <summary>Gets the messages the tier was sent.</summary>
    public required IReadOnlyList<ChatMessage> Messages { get; init; }

    /// <summary>Gets the options the tier was sent.</summary>
    public ChatOptions? Options { get; init; }

    /// <summary>Gets the candidate answer.</summary>
    public required ChatResponse Response { get; init; }

    /// <summary>Gets the tier that answered.</summary>
    public required string Tier { get; init; }

    /// <summary>Gets the model that answered.</summary>
    public string? Model { get; init; }

    /// <summary>Gets whether the tier is the last of the ladder (its answer is kept whatever the gates say).</summary>
    public bool IsLastTier { get; init; }

    /// <summary>Gets the request's workload tag, if any.</summary>
    public string? Workload { get; init; }

    /// <summary>Gets the request's ledger; gates that call models record their attempts here.</summary>
    public required RequestLedger Ledger { get; init; }

    /// <summary>Gets what the answer is expected to satisfy beyond the request itself (schema, pattern, choices).</summary>
    public GateExpectations? Expectations { get; init; }

    /// <summary>Gets the candidate's text: the concatenated text of the response's messages.</summary>
    public string Text => Response.Text;
}

/// <summary>What an answer is expected to satisfy, when the caller says so.</summary>
public sealed record GateExpectations
{
    /// <summary>Gets a JSON schema the answer must validate against; the request's <c>response_format</c> schema is used when unset.</summary>
    public string? JsonSchema { get; init; }

    /// <summary>Gets a regular expression the whole answer must match.</summary>
    public string? FormatPattern { get; init; }

    /// <summary>Gets the allowed answer choices of a multiple-choice question (for example A, B, C, D).</summary>
    public IReadOnlyList<string>? Choices { get; init; }
}
