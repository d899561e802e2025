namespace Cascade.Simulator.Replay;

/// <summary>Holds the replay index, loaded once at start by <see cref="ReplayLoaderService"/>.</summary>
public sealed class ReplayStore
{
    private volatile ReplayIndex _index = ReplayIndex.Empty;

    /// <summary>Gets the current index (empty until loaded, or when replay is off).</summary>
    public ReplayIndex Index => _index;

    /// <summary>Replaces the index.</summary>
    public void Set(ReplayIndex index) => _index = index ?? throw new ArgumentNullException(nameof(index));
}
