using Cascade.Testing;
using Microsoft.Extensions.AI;

namespace Cascade.Tests.Gates;

/// <summary>Builds the gate contexts the gate tests judge.</summary>
internal static class GateContexts
{
    public static GateContext For(
        string text,
        ChatFinishReason? finishReason = null,
        GateExpectations? expectations = null,
        ChatOptions? options = null,
        string question = "What is the capital of France?",
        string? workload = null,
        RequestLedger? ledger = null,
        string model = "small-model",
        bool isLastTier = false) =>
        For(ChatResponses.Text(text, finishReason: finishReason, modelId: model), expectations, options, question, workload, ledger, isLastTier);

    public static GateContext For(
        ChatResponse response,
        GateExpectations? expectations = null,
        ChatOptions? options = null,
        string question = "What is the capital of France?",
        string? workload = null,
        RequestLedger? ledger = null,
        bool isLastTier = false) => new()
        {
            Messages = [new ChatMessage(ChatRole.User, question)],
            Options = options,
            Response = response,
            Tier = "small",
            Model = response.ModelId,
            Workload = workload,
            Ledger = ledger ?? new RequestLedger("req-gates", workload),
            Expectations = expectations,
            IsLastTier = isLastTier,
        };

    public static Tier TierOf(string name, IChatClient client, decimal inputPerMillion = 1m, decimal outputPerMillion = 5m) =>
        new(name, [new Deployment("primary", "test", $"{name}-model", client, new PriceTable(inputPerMillion, outputPerMillion, 0, 0))]);
}
