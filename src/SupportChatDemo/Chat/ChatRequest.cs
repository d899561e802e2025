namespace Cascade.SupportChatDemo.Chat;

/// <summary>The body of <c>POST /api/chat</c>.</summary>
/// <param name="Message">The customer's new message.</param>
/// <param name="History">The conversation so far, oldest first; optional.</param>
public sealed record ChatRequest(string? Message, IReadOnlyList<ChatHistoryEntry>? History);
