using System.Text;
using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// An <see cref="IChatReducer"/> that trims the conversation handed to the next tier: full, last turns, or the
/// system prompt with a short summary and the last turns. A tool call always travels with its result.
/// </summary>
/// <remarks>
/// The summary is extractive (the first sentence of each earlier message, within a character budget), so
/// trimming makes no model call and costs nothing. System messages are always kept.
/// </remarks>
public sealed class HandoffChatReducer : IChatReducer
{
    private readonly HandoffOptions _options;

    /// <summary>Initializes a reducer.</summary>
    public HandoffChatReducer(HandoffOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc/>
    public Task<IEnumerable<ChatMessage>> ReduceAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken) =>
        Task.FromResult<IEnumerable<ChatMessage>>(Reduce(messages.ToList()));

    /// <summary>Trims the messages synchronously.</summary>
    public IReadOnlyList<ChatMessage> Reduce(IReadOnlyList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (_options.Mode == HandoffMode.Full)
        {
            return messages;
        }

        List<ChatMessage> system = messages.Where(m => m.Role == ChatRole.System).ToList();
        List<ChatMessage> rest = messages.Where(m => m.Role != ChatRole.System).ToList();
        int start = KeepFrom(rest, Math.Max(0, rest.Count - _options.Turns));
        if (start == 0)
        {
            return messages;
        }

        var result = new List<ChatMessage>(system);
        if (_options.Mode == HandoffMode.Summary && Summarize(rest.Take(start)) is { } summary)
        {
            result.Add(new ChatMessage(ChatRole.System, summary));
        }

        result.AddRange(rest.Skip(start));
        return result;
    }

    /// <summary>Moves the cut earlier until no kept tool result is separated from its call.</summary>
    private static int KeepFrom(List<ChatMessage> messages, int start)
    {
        while (start > 0)
        {
            HashSet<string> calls = messages.Skip(start).SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => c.CallId).ToHashSet();
            bool orphan = messages.Skip(start).SelectMany(m => m.Contents).OfType<FunctionResultContent>().Any(r => !calls.Contains(r.CallId));
            if (!orphan)
            {
                break;
            }

            start--;
        }

        return start;
    }

    private string? Summarize(IEnumerable<ChatMessage> earlier)
    {
        const string Header = "Summary of the earlier conversation:";
        var builder = new StringBuilder(Header);
        foreach (ChatMessage message in earlier)
        {
            string? line = message.Contents switch
            {
                _ when message.Contents.OfType<FunctionResultContent>().FirstOrDefault() is { } result => $"tool result: {result.Result}",
                _ when message.Contents.OfType<FunctionCallContent>().FirstOrDefault() is { } call => $"assistant called {call.Name}",
                _ => string.IsNullOrWhiteSpace(message.Text) ? null : $"{message.Role.Value}: {FirstSentence(message.Text)}",
            };
            if (line is null)
            {
                continue;
            }

            int room = _options.SummaryMaxCharacters - builder.Length - 3;
            if (room <= 10)
            {
                break;
            }

            builder.Append("\n- ").Append(line.Length > room ? line[..(room - 1)] + "…" : line);
        }

        return builder.Length == Header.Length ? null : builder.ToString();
    }

    private static string FirstSentence(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        int end = text.IndexOfAny(['.', '?', '!']);
        return end > 0 ? text[..(end + 1)] : text;
    }
}
