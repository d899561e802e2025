using Cascade.SupportChatDemo.Orders;
using Cascade.SupportChatDemo.Routing;

namespace Cascade.SupportChatDemo.Chat;

/// <summary>The answer of <c>POST /api/chat</c>: the assistant's text and how the cascade produced it.</summary>
/// <param name="Answer">The assistant's answer.</param>
/// <param name="Route">The router call that produced the answer (the last one), or <see langword="null"/> when the router reported none.</param>
/// <param name="Calls">Every router call of the turn, in order (an order question makes two: the tool call, then the answer).</param>
/// <param name="Tools">The tools the kernel ran.</param>
/// <param name="TotalCostUsd">The summed cost of every router call of the turn.</param>
public sealed record ChatReply(
    string Answer,
    RouterCallView? Route,
    IReadOnlyList<RouterCallView> Calls,
    IReadOnlyList<ToolInvocation> Tools,
    decimal TotalCostUsd);
