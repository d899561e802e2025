namespace Cascade.AppHost.Hosting;

/// <summary>Which model providers the tiers call.</summary>
public enum ModelProviderMode
{
    /// <summary>The embedded simulator: no key is configured.</summary>
    Simulator,

    /// <summary>Real providers: an Anthropic key, or an OpenAI-compatible endpoint and key, is configured.</summary>
    Real,
}
