using Microsoft.Extensions.AI;

namespace Cascade.Tests.Tokens;

public class TokenCounterTests
{
    [Fact]
    public void Count_UsesTheBpeTokenizer()
    {
        TokenCounter.Default.Count("Hello, world!").ShouldBe(4);
        TokenCounter.Default.Count("").ShouldBe(0);
    }

    [Fact]
    public void CountInput_AddsMessageAndRequestOverheads()
    {
        ChatMessage[] messages = [new(ChatRole.System, "Be brief."), new(ChatRole.User, "Hello, world!")];

        int count = TokenCounter.Default.CountInput(messages);

        count.ShouldBe(TokenCounter.PerRequestOverhead + (2 * TokenCounter.PerMessageOverhead) + TokenCounter.Default.Count("Be brief.") + 4);
    }
}
