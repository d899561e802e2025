using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// The <c>regex-faq</c> tier kind. Settings: <c>FaqFile</c> (a JSON file of <c>{"pattern", "answer"}</c> entries,
/// relative to the application's base directory unless rooted). It needs no deployment and costs nothing.
/// </summary>
public sealed class RegexFaqTierKind : ITierKind
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "regex-faq";

    /// <summary>The setting naming the FAQ file.</summary>
    public const string FaqFileSetting = "FaqFile";

    /// <inheritdoc/>
    public string Name => KindName;

    /// <inheritdoc/>
    public bool IsFree => true;

    /// <inheritdoc/>
    public IChatClient CreateClient(TierKindContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Tier.Settings.TryGetValue(FaqFileSetting, out string? file) || string.IsNullOrWhiteSpace(file))
        {
            throw new InvalidOperationException($"Tier '{context.Tier.Name}' (regex-faq) needs Settings:{FaqFileSetting}, a JSON file of {{\"pattern\", \"answer\"}} entries.");
        }

        string path = Path.IsPathRooted(file) ? file : Path.Combine(AppContext.BaseDirectory, file);
        if (!File.Exists(path) && File.Exists(file))
        {
            path = Path.GetFullPath(file);
        }

        return new RegexFaqChatClient(RegexFaqChatClient.LoadEntries(path));
    }
}
