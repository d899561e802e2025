namespace Cascade;

/// <summary>The registered tier kinds, by name. The built-in kinds are <c>regex-faq</c>, <c>anthropic</c>, <c>openai</c> and <c>ollama</c>.</summary>
public sealed class TierKindRegistry
{
    private readonly Dictionary<string, ITierKind> _kinds = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Initializes a registry; a later kind with the same name replaces an earlier one.</summary>
    public TierKindRegistry(IEnumerable<ITierKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        foreach (ITierKind kind in kinds)
        {
            _kinds[kind.Name] = kind;
        }
    }

    /// <summary>Gets a registry of the built-in kinds.</summary>
    public static TierKindRegistry BuiltIn { get; } = new([new RegexFaqTierKind(), new AnthropicTierKind(), new OpenAITierKind(), new OllamaTierKind()]);

    /// <summary>Gets the registered names.</summary>
    public IReadOnlyCollection<string> Names => _kinds.Keys;

    /// <summary>Gets the names of kinds that cost nothing.</summary>
    public IEnumerable<string> FreeNames => _kinds.Values.Where(k => k.IsFree).Select(k => k.Name);

    /// <summary>Gets a kind by name.</summary>
    /// <exception cref="InvalidOperationException">No kind has that name; the message lists the known ones.</exception>
    public ITierKind Get(string name) =>
        _kinds.TryGetValue(name, out ITierKind? kind)
            ? kind
            : throw new InvalidOperationException($"No tier kind is named '{name}'; known kinds: {string.Join(", ", _kinds.Keys.Order(StringComparer.Ordinal))}.");
}
