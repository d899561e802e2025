using Microsoft.Extensions.AI;

namespace Cascade.Tests.Handoff;

public class HandoffChatReducerTests
{
    private static List<ChatMessage> Conversation() =>
    [
        new(ChatRole.System, "You are a store's support assistant."),
        new(ChatRole.User, "Hi. I ordered a lamp last week."),
        new(ChatRole.Assistant, "Thanks! What is the order number?"),
        new(ChatRole.User, "It is 1042. Where is it?"),
        new(ChatRole.Assistant, [new FunctionCallContent("c1", "lookup_order", new Dictionary<string, object?> { ["id"] = "1042" })]),
        new(ChatRole.Tool, [new FunctionResultContent("c1", "{\"status\":\"shipped\",\"eta\":\"Friday\"}")]),
        new(ChatRole.Assistant, "It shipped and arrives Friday."),
        new(ChatRole.User, "Can I change the delivery address?"),
    ];

    [Fact]
    public void Full_KeepsEverything()
    {
        List<ChatMessage> messages = Conversation();

        new HandoffChatReducer(new HandoffOptions()).Reduce(messages).ShouldBe(messages);
    }

    [Fact]
    public void LastTurns_KeepsTheSystemPromptAndRecentMessages()
    {
        IReadOnlyList<ChatMessage> reduced = new HandoffChatReducer(new HandoffOptions { Mode = HandoffMode.LastTurns, Turns = 2 }).Reduce(Conversation());

        reduced.Select(m => m.Text).ShouldBe(["You are a store's support assistant.", "It shipped and arrives Friday.", "Can I change the delivery address?"]);
    }

    [Fact]
    public void LastTurns_NeverSeparatesAToolResultFromItsCall()
    {
        // The last three messages start at the tool result; its call must come along.
        IReadOnlyList<ChatMessage> reduced = new HandoffChatReducer(new HandoffOptions { Mode = HandoffMode.LastTurns, Turns = 3 }).Reduce(Conversation());

        reduced.Count.ShouldBe(5);
        reduced[1].Contents.ShouldHaveSingleItem().ShouldBeOfType<FunctionCallContent>().CallId.ShouldBe("c1");
        reduced[2].Contents.ShouldHaveSingleItem().ShouldBeOfType<FunctionResultContent>().CallId.ShouldBe("c1");
    }

    [Fact]
    public void Summary_AddsAShortSummaryOfWhatWasCut()
    {
        IReadOnlyList<ChatMessage> reduced = new HandoffChatReducer(new HandoffOptions { Mode = HandoffMode.Summary, Turns = 2 }).Reduce(Conversation());

        reduced.Count.ShouldBe(4);
        reduced[1].Role.ShouldBe(ChatRole.System);
        reduced[1].Text.ShouldStartWith("Summary of the earlier conversation:");
        reduced[1].Text.ShouldContain("user: It is 1042.");
        reduced[1].Text.ShouldContain("tool result: {\"status\":\"shipped\"");
        reduced[^1].Text.ShouldBe("Can I change the delivery address?");
    }

    [Fact]
    public void Summary_RespectsItsLengthLimit()
    {
        IReadOnlyList<ChatMessage> reduced = new HandoffChatReducer(new HandoffOptions { Mode = HandoffMode.Summary, Turns = 1, SummaryMaxCharacters = 80 }).Reduce(Conversation());

        reduced[1].Text.Length.ShouldBeLessThanOrEqualTo(80);
    }

    [Fact]
    public async Task ReduceAsync_IsAnIChatReducer()
    {
        IChatReducer reducer = new HandoffChatReducer(new HandoffOptions { Mode = HandoffMode.LastTurns, Turns = 1 });

        (await reducer.ReduceAsync(Conversation(), CancellationToken.None)).Count().ShouldBe(2);
    }
}
