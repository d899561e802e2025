namespace Cascade;

/// <summary>A prompt larger than every context window it may be sent to.</summary>
/// <param name="Tokens">The prompt's counted input tokens.</param>
/// <param name="LargestWindow">The largest context window of the tiers it may be sent to, in tokens.</param>
/// <param name="PinnedTier">The tier the request is pinned to, or <see langword="null"/> when any tier could take it.</param>
public sealed record ContextOverflow(long Tokens, int LargestWindow, string? PinnedTier);
