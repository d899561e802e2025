using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// The free first tier: compiled regular expressions matched against the last user message, each with a canned
/// answer. No model is called and nothing is billed.
/// </summary>
/// <remarks>
/// A cascade asks <see cref="TryMatch"/> before the request starts, so a question no pattern matches skips this tier
/// without an attempt. Called directly with no match, the client answers with an empty message marked
/// <see cref="NoMatchProperty"/>.
/// </remarks>
public sealed class RegexFaqChatClient : IChatClient, IFaqMatcher
{
    /// <summary>The provider name in attempts and metadata.</summary>
    public const string ProviderName = "regex-faq";

    /// <summary>The <see cref="ChatResponse.AdditionalProperties"/> key set to <see langword="true"/> when no pattern matched.</summary>
    public const string NoMatchProperty = "cascade.faq_no_match";

    /// <summary>How long one pattern may run before it is abandoned as no match.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private readonly (Regex Pattern, FaqEntry Entry)[] _entries;
    private readonly ChatClientMetadata _metadata = new(ProviderName, defaultModelId: ProviderName);

    /// <summary>Initializes a client over <paramref name="entries"/>, tried in order.</summary>
    /// <exception cref="ArgumentException">A pattern is not a valid regular expression; the message names it.</exception>
    public RegexFaqChatClient(IEnumerable<FaqEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var compiled = new List<(Regex, FaqEntry)>();
        foreach (FaqEntry entry in entries)
        {
            if (string.IsNullOrWhiteSpace(entry.Pattern) || string.IsNullOrWhiteSpace(entry.Answer))
            {
                throw new ArgumentException("Every FAQ entry needs a pattern and an answer.", nameof(entries));
            }

            try
            {
                compiled.Add((new Regex(entry.Pattern, RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout), entry));
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"FAQ pattern '{entry.Pattern}' is not a valid regular expression: {ex.Message}", nameof(entries), ex);
            }
        }

        _entries = [.. compiled];
    }

    /// <summary>Gets the entries, in match order.</summary>
    public IReadOnlyList<FaqEntry> Entries => _entries.Select(e => e.Entry).ToArray();

    /// <summary>Loads entries from a JSON file: <c>[{"pattern": "...", "answer": "..."}]</c> or <c>{"entries": [...]}</c>.</summary>
    /// <exception cref="InvalidDataException">The file is missing or malformed; the message names the file and the problem.</exception>
    public static IReadOnlyList<FaqEntry> LoadEntries(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"FAQ file '{path}' does not exist.");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            JsonElement list = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("entries", out JsonElement inner)
                ? inner
                : document.RootElement;
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"FAQ file '{path}' must hold an array of {{\"pattern\", \"answer\"}} objects, or an object with an \"entries\" array.");
            }

            var entries = new List<FaqEntry>();
            int index = 0;
            foreach (JsonElement item in list.EnumerateArray())
            {
                string? pattern = item.TryGetProperty("pattern", out JsonElement p) ? p.GetString() : null;
                string? answer = item.TryGetProperty("answer", out JsonElement a) ? a.GetString() : null;
                if (string.IsNullOrWhiteSpace(pattern) || string.IsNullOrWhiteSpace(answer))
                {
                    throw new InvalidDataException($"FAQ file '{path}', entry {index}: both \"pattern\" and \"answer\" are required.");
                }

                entries.Add(new FaqEntry(pattern, answer));
                index++;
            }

            return entries;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"FAQ file '{path}' is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Finds the entry matching the last user message, or <see langword="null"/>.</summary>
    public FaqEntry? TryMatch(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        string? question = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text;
        if (string.IsNullOrWhiteSpace(question))
        {
            return null;
        }

        foreach ((Regex pattern, FaqEntry entry) in _entries)
        {
            try
            {
                if (pattern.IsMatch(question))
                {
                    return entry;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological question against a pattern: treat as no match rather than stall the request.
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        FaqEntry? entry = TryMatch(messages);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, entry?.Answer ?? ""))
        {
            ModelId = ProviderName,
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 0, OutputTokenCount = 0, TotalTokenCount = 0 },
        };
        if (entry is null)
        {
            response.AdditionalProperties = new() { [NoMatchProperty] = true };
        }

        return Task.FromResult(response);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChatResponse response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (ChatResponseUpdate update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
