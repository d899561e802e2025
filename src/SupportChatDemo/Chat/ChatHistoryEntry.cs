namespace Cascade.SupportChatDemo.Chat;

/// <summary>An earlier message of the conversation.</summary>
/// <param name="Role"><c>user</c> or <c>assistant</c>.</param>
/// <param name="Content">The message text.</param>
public sealed record ChatHistoryEntry(string? Role, string? Content);
