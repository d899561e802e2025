namespace Cascade.Hosting.ModelProviders;

/// <summary>
/// The model providers the tiers and the judge call: real providers when their keys are set as parameters, otherwise the
/// simulator. It runs no process; the dashboard shows it as a row whose state says which providers this run uses.
/// </summary>
/// <param name="name">The resource's name.</param>
/// <param name="selection">The providers chosen from the AppHost's parameters.</param>
/// <param name="simulator">The simulator project, which answers in simulator mode.</param>
public sealed class ModelProvidersResource(string name, ModelProviderSelection selection, ProjectResource simulator) : Resource(name)
{
    /// <summary>The key the simulator accepts, handed to services in simulator mode.</summary>
    public const string SimulatorApiKey = "simulator";

    /// <summary>Gets the providers chosen from the AppHost's parameters.</summary>
    public ModelProviderSelection Selection { get; } = selection;

    /// <summary>Gets the simulator project.</summary>
    public ProjectResource Simulator { get; } = simulator;
}
