using Cascade.Simulator.Billing;
using Cascade.Simulator.Faults;
using Cascade.Simulator.Models;
using Microsoft.Extensions.AI;

namespace Cascade.Simulator.Generation;

/// <summary>An accepted-or-not call with everything the answer and the billing need.</summary>
internal sealed class SimulatedCall
{
    public required LedgerEntry Entry { get; init; }

    public required SimulatedModel Model { get; init; }

    public required string RequestedModel { get; init; }

    public required IReadOnlyList<ChatMessage> Messages { get; init; }

    public required ChatOptions Options { get; init; }

    public required long InputTokens { get; init; }

    public required long MaxTokens { get; init; }

    public required bool Stream { get; init; }

    public FaultSpec? Fault { get; init; }

    public bool Logprobs { get; init; }

    public int TopLogprobs { get; init; }

    public bool IncludeUsage { get; init; }

    public string ResponseId { get; } = Guid.NewGuid().ToString("N")[..24];

    public long Created { get; init; }
}
