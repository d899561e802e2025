using Cascade.Simulator.Configuration;
using Microsoft.Extensions.Options;

namespace Cascade.Simulator.Models;

/// <summary>The simulated models by id, built once from configuration.</summary>
public sealed class ModelCatalog
{
    private readonly Dictionary<string, SimulatedModel> _models;

    /// <summary>Initializes the catalog.</summary>
    public ModelCatalog(IOptions<SimulatorOptions> options)
    {
        SimulatorOptions settings = options.Value;
        _models = settings.Models.ToDictionary(p => p.Key, p => new SimulatedModel(p.Key, p.Value, settings.LatencyScale), StringComparer.Ordinal);
        All = [.. _models.Values.OrderBy(m => m.Capability).ThenBy(m => m.Id, StringComparer.Ordinal)];
    }

    /// <summary>Gets every model, weakest first.</summary>
    public IReadOnlyList<SimulatedModel> All { get; }

    /// <summary>Finds a model by id.</summary>
    public SimulatedModel? Find(string? id) => id is not null && _models.TryGetValue(id, out SimulatedModel? model) ? model : null;
}
