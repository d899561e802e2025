using Cascade.Testing;
using Microsoft.Extensions.AI;

namespace Cascade.Tests.Cascading;

/// <summary>Keeps the embedding example of <c>src/Tiers/README.md</c> compiling and true.</summary>
public sealed class ReadmeEmbeddingTests
{
    // <embed>
    public static IChatClient Embed(IChatClient opus, IChatClient haiku) =>
        opus.AsBuilder()
            .UseUpfrontRouting()
            .UseCascade(ladder => ladder.Add("haiku", haiku, PriceTable.WithAnthropicCaching(1, 5),
                new CutOffGate(), new SelfDoubtGate(), new HedgingGate()))
            .Build();
    // </embed>

    [Fact]
    public async Task TheReadmeExample_RoutesEscalatesAndReportsTheRoute()
    {
        var opus = TestChatClient.Answering("Your order A1 left the warehouse today.", 30, 10, modelId: "claude-opus-4-7");
        var haiku = TestChatClient.Answering("UNSURE: I can't see orders.", 30, 8, modelId: "claude-haiku-4-5-20251001");
        IChatClient client = Embed(opus, haiku);

        ChatResponse response = await client.GetResponseAsync("Where is my order A1?");

        response.Text.ShouldBe("Your order A1 left the warehouse today.");
        CascadeRoute route = response.GetCascadeRoute()!;
        route.Attempts.Select(a => a.Tier).ShouldBe(["haiku", "claude-opus-4-7"]);
        route.TotalCost.ShouldBe(PriceTable.WithAnthropicCaching(1, 5).CostOf(30, 8) + PriceTable.WithAnthropicCaching(5, 25).CostOf(30, 10));
    }

    [Fact]
    public void TheReadme_ShowsThisExample()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Cascade.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The repository root was not found above the test binaries.");
        }

        string source = File.ReadAllText(Path.Combine(root, "tests", "Tiers.Tests", "Cascade", "ReadmeEmbeddingTests.cs"));
        string example = source[(source.IndexOf("// <embed>", StringComparison.Ordinal) + 10)..source.IndexOf("// </embed>", StringComparison.Ordinal)];
        string readme = File.ReadAllText(Path.Combine(root, "src", "Tiers", "README.md"));

        Normalize(readme).ShouldContain(Normalize(example));
    }

    private static string Normalize(string text) => string.Join('\n', text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
