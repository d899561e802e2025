using Cascade.SupportChatDemo.Routing;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Cascade.SupportChatDemo.Chat;

/// <summary>Answers a customer's message with Semantic Kernel over the router, letting the model call the order tools.</summary>
/// <param name="kernel">The kernel holding the order plugin and the router's chat client.</param>
/// <param name="attemptLog">Explains an escalated or fallen-back answer attempt by attempt.</param>
public sealed class SupportChatService(Kernel kernel, RouterAttemptLog attemptLog)
{
    /// <summary>The system prompt of every conversation.</summary>
    public const string SystemPrompt =
        "You are the customer support assistant of an online store. Answer questions about delivery, returns, payments " +
        "and store policies briefly and politely. For anything about a specific order, call get_order_status with the " +
        "order number and report what it returns; never invent an order's status.";

    /// <summary>Answers <paramref name="message"/> after <paramref name="history"/>.</summary>
    /// <param name="message">The customer's new message, already validated.</param>
    /// <param name="history">The earlier messages, already validated.</param>
    /// <param name="cancellationToken">Cancels the turn.</param>
    public async Task<ChatReply> AnswerAsync(string message, IReadOnlyList<ChatHistoryEntry> history, CancellationToken cancellationToken)
    {
        ChatHistory chat = new(SystemPrompt);
        foreach (ChatHistoryEntry entry in history)
        {
            chat.AddMessage(entry.Role == "assistant" ? AuthorRole.Assistant : AuthorRole.User, entry.Content!);
        }

        chat.AddUserMessage(message);

        IChatCompletionService completion = kernel.GetRequiredService<IChatClient>().AsChatCompletionService(kernel.Services);
        PromptExecutionSettings settings = new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };

        using IDisposable scope = ChatTurn.Begin(out ChatTurn turn);
        ChatMessageContent answer = await completion.GetChatMessageContentAsync(chat, settings, kernel, cancellationToken);

        IReadOnlyList<RouterCall> calls = turn.Calls;
        RouterCallView? route = null;
        if (calls.Count > 0)
        {
            RouterCall last = calls[^1];
            IReadOnlyList<RouteStep>? steps = last is { RequestId: { } id } && (last.Escalations > 0 || last.Fallbacks > 0)
                ? await attemptLog.GetStepsAsync(id, cancellationToken)
                : null;
            route = RouterCallView.Of(last, steps);
        }

        return new ChatReply(
            answer.Content ?? "",
            route,
            [.. calls.Select(c => RouterCallView.Of(c))],
            turn.Tools,
            calls.Sum(c => c.CostUsd ?? 0m));
    }
}
