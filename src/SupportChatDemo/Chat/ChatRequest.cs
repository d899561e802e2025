namespace Cascade.SupportChatDemo.Chat;

/// <summary>The body of <c>POST /api/chat</c>.</summary>
/// <param name="Message">The customer's new message.</param>
/// <param name="History">The conversation so far, oldest first; optional.</param>
public sealed record ChatRequest(string? Message, IReadOnlyList<ChatHistoryEntry>? History);

/// <summary>An earlier message of the conversation.</summary>
/// <param name="Role"><c>user</c> or <c>assistant</c>.</param>
/// <param name="Content">The message text.</param>
public sealed record ChatHistoryEntry(string? Role, string? Content);
