using System.Collections.Concurrent;
using Cascade.Simulator.Configuration;
using Microsoft.Extensions.Options;

namespace Cascade.Simulator.Faults;

/// <summary>
/// The standing fault of each model: from configuration at start, replaced at runtime through the admin endpoints.
/// A fault with a <see cref="FaultSpec.Rate"/> below 1 hits an evenly spaced share of that model's requests, so runs
/// are reproducible.
/// </summary>
public sealed class FaultRegistry
{
    private readonly ConcurrentDictionary<string, Standing> _faults = new(StringComparer.Ordinal);

    /// <summary>Initializes the registry with the configured faults.</summary>
    public FaultRegistry(IOptions<SimulatorOptions> options)
    {
        foreach ((string model, SimulatedModelOptions settings) in options.Value.Models)
        {
            if (!string.IsNullOrWhiteSpace(settings.Fault) && FaultSpec.TryParse(settings.Fault, out FaultSpec? spec, out _))
            {
                _faults[model] = new Standing(spec);
            }
        }
    }

    /// <summary>Gets every standing fault by model.</summary>
    public IReadOnlyDictionary<string, FaultSpec> Current => _faults.ToDictionary(p => p.Key, p => p.Value.Spec, StringComparer.Ordinal);

    /// <summary>Sets the standing fault of <paramref name="model"/>.</summary>
    public void Set(string model, FaultSpec spec) => _faults[model] = new Standing(spec);

    /// <summary>Clears the standing fault of <paramref name="model"/>.</summary>
    /// <returns><see langword="true"/> when there was one.</returns>
    public bool Clear(string model) => _faults.TryRemove(model, out _);

    /// <summary>Clears every standing fault.</summary>
    public void ClearAll() => _faults.Clear();

    /// <summary>Gets the fault that hits this request of <paramref name="model"/>, if any, advancing its rate counter.</summary>
    public FaultSpec? Next(string model) => _faults.TryGetValue(model, out Standing? standing) ? standing.Next() : null;

    private sealed class Standing(FaultSpec spec)
    {
        private long _count;

        public FaultSpec Spec { get; } = spec;

        public FaultSpec? Next()
        {
            if (Spec.Rate >= 1)
            {
                return Spec;
            }

            if (Spec.Rate <= 0)
            {
                return null;
            }

            long n = Interlocked.Increment(ref _count);
            return Math.Floor(n * Spec.Rate) > Math.Floor((n - 1) * Spec.Rate) ? Spec : null;
        }
    }
}
