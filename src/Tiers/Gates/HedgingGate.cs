using System.Text.RegularExpressions;

namespace Cascade;

/// <summary>
/// Rejects an answer that hedges: one carrying <see cref="HedgingGateOptions.Threshold"/> or more distinct hedging
/// phrases ("i'm not sure", "i think", ...). One compiled regular expression matches every phrase.
/// </summary>
/// <remarks>The verdict's score is 1 minus the share of the threshold reached; the reason lists the phrases found.</remarks>
public sealed class HedgingGate : IQualityGate
{
    /// <summary>The gate's kind and name: <c>hedging</c>.</summary>
    public const string Kind = "hedging";

    private readonly HedgingGateOptions _options;
    private readonly Regex _phrases;

    /// <summary>Initializes the gate.</summary>
    public HedgingGate(HedgingGateOptions? options = null)
    {
        _options = options ?? new HedgingGateOptions();

        // Word boundaries only where the phrase starts or ends with a word character ("i think" must not match "i thinker").
        IEnumerable<string> alternatives = _options.Phrases.Select(p => NormalizeApostrophes(p.Trim().ToLowerInvariant())).Distinct().Select(p =>
            (char.IsLetterOrDigit(p[0]) ? @"\b" : "") + Regex.Escape(p).Replace(@"\ ", @"\s+", StringComparison.Ordinal) + (char.IsLetterOrDigit(p[^1]) ? @"\b" : ""));
        _phrases = new Regex(string.Join("|", alternatives), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(250));
    }

    /// <inheritdoc/>
    public string Name => Kind;

    /// <summary>Finds the distinct hedging phrases of a text, lower-cased, in order of appearance.</summary>
    public IReadOnlyList<string> FindPhrases(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return _phrases.Matches(NormalizeApostrophes(text))
                .Select(m => Regex.Replace(m.Value.ToLowerInvariant(), @"\s+", " "))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological text is not evidence of hedging; count what could not be read as none.
            return [];
        }
    }

    /// <inheritdoc/>
    public ValueTask<GateVerdict> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<string> found = FindPhrases(context.Text);
        double score = Math.Max(0, 1 - ((double)found.Count / _options.Threshold));
        string listed = string.Join(", ", found.Select(p => $"\"{p}\""));
        return ValueTask.FromResult(found.Count >= _options.Threshold
            ? GateVerdict.Reject(Name, $"{found.Count} hedging phrases: {listed}", score)
            : GateVerdict.Abstain(Name, found.Count == 0 ? "no hedging" : $"1 hedging phrase: {listed}", score));
    }

    private static string NormalizeApostrophes(string text) => text.Replace('\u2019', '\'').Replace('\u2018', '\'');
}
