using System.Collections.Frozen;

namespace Cascade.Simulator.Replay;

/// <summary>Recorded questions (normalized prompt text) with the answers of each dataset model.</summary>
public sealed class ReplayIndex
{
    private readonly FrozenDictionary<string, IReadOnlyDictionary<string, RecordedAnswer>> _questions;

    /// <summary>Initializes an index.</summary>
    public ReplayIndex(IDictionary<string, Dictionary<string, RecordedAnswer>> questions, IReadOnlyList<string> sources)
    {
        _questions = questions.ToFrozenDictionary(p => p.Key, p => (IReadOnlyDictionary<string, RecordedAnswer>)p.Value, StringComparer.Ordinal);
        Sources = sources;
    }

    /// <summary>Gets an empty index (replay off).</summary>
    public static ReplayIndex Empty { get; } = new(new Dictionary<string, Dictionary<string, RecordedAnswer>>(), []);

    /// <summary>Gets the number of recorded questions.</summary>
    public int Count => _questions.Count;

    /// <summary>Gets the files read.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>Normalizes prompt text for matching: trimmed, line endings unified.</summary>
    public static string Normalize(string text) => text.ReplaceLineEndings("\n").Trim();

    /// <summary>Finds the answer of the first of <paramref name="models"/> recorded for <paramref name="prompt"/>.</summary>
    public (string Model, RecordedAnswer Answer)? Find(string prompt, IReadOnlyList<string> models)
    {
        if (models.Count == 0 || _questions.Count == 0 || !_questions.TryGetValue(Normalize(prompt), out IReadOnlyDictionary<string, RecordedAnswer>? answers))
        {
            return null;
        }

        foreach (string model in models)
        {
            if (answers.TryGetValue(model, out RecordedAnswer? answer))
            {
                return (model, answer);
            }
        }

        return null;
    }
}
