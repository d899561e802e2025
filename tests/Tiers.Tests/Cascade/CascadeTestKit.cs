using Cascade.Testing;
using Microsoft.Extensions.AI;

namespace Cascade.Tests.Cascading;

/// <summary>A gate whose verdict a test chooses.</summary>
internal sealed class TestGate(string name, Func<GateContext, GateVerdict> judge) : IQualityGate
{
    public string Name { get; } = name;

    public int Calls { get; private set; }

    public ValueTask<GateVerdict> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default)
    {
        Calls++;
        return ValueTask.FromResult(judge(context));
    }

    public static TestGate RejectingWhen(string text) => new("test", c => c.Text.Contains(text, StringComparison.Ordinal)
        ? GateVerdict.Reject("test", $"says '{text}'")
        : GateVerdict.Abstain("test"));

    public static TestGate Accepting() => new("accept", _ => GateVerdict.Accept("accept", "fine"));

    public static TestGate Rejecting() => new("reject", _ => GateVerdict.Reject("reject", "never good enough"));

    public static TestGate Abstaining() => new("abstain", _ => GateVerdict.Abstain("abstain"));
}

/// <summary>Builds small ladders over test clients.</summary>
internal static class CascadeTestKit
{
    public static readonly PriceTable Cheap = PriceTable.WithAnthropicCaching(1, 5);
    public static readonly PriceTable Middle = PriceTable.WithAnthropicCaching(3, 15);
    public static readonly PriceTable Strong = PriceTable.WithAnthropicCaching(5, 25);

    public static Tier Tier(string name, IChatClient client, PriceTable price, int? contextWindow = null) =>
        new(name, [new Deployment(name, "test", name + "-model", client, price) { ContextWindow = contextWindow }]);

    public static IChatClient NewCascade(IChatClient final, Action<CascadeLadder> ladder, Action<CascadeChatClient>? configure = null, PriceTable? finalPrice = null)
    {
        var built = new CascadeLadder { FinalTierName = "strong", FinalTierPrice = finalPrice ?? Strong };
        ladder(built);
        return new ChatClientBuilder(final).UseCascade(built, configure).Build();
    }

    public static List<ChatMessage> Ask(string question) => [new(ChatRole.User, question)];

    public static ChatOptions With(string key, object? value) => new() { AdditionalProperties = new() { [key] = value } };
}
