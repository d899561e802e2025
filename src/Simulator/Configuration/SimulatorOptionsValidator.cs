using Cascade.Simulator.Faults;
using Microsoft.Extensions.Options;

namespace Cascade.Simulator.Configuration;

/// <summary>Checks the whole <see cref="SimulatorOptions"/> at start and reports every problem at once.</summary>
internal sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        var errors = new List<string>();
        if (options.Models.Count == 0)
        {
            errors.Add("Simulator:Models must define at least one model.");
        }

        foreach ((string id, SimulatedModelOptions model) in options.Models)
        {
            string at = $"Simulator:Models:{id}";
            if (model.Capability is < 0 or > 1 || double.IsNaN(model.Capability))
            {
                errors.Add($"{at}:Capability must be between 0 and 1 (was {model.Capability}).");
            }

            if (model.ContextWindow < 1)
            {
                errors.Add($"{at}:ContextWindow must be at least 1 token (was {model.ContextWindow}).");
            }

            if (model.MaxOutputTokens < 1)
            {
                errors.Add($"{at}:MaxOutputTokens must be at least 1 token (was {model.MaxOutputTokens}).");
            }

            if (model.TimeToFirstTokenMs < 0 || double.IsNaN(model.TimeToFirstTokenMs))
            {
                errors.Add($"{at}:TimeToFirstTokenMs must not be negative (was {model.TimeToFirstTokenMs}).");
            }

            if (model.TokensPerSecond <= 0 || double.IsNaN(model.TokensPerSecond))
            {
                errors.Add($"{at}:TokensPerSecond must be above 0 (was {model.TokensPerSecond}).");
            }

            if (!string.IsNullOrWhiteSpace(model.Fault) && !FaultSpec.TryParse(model.Fault, out _, out string? error))
            {
                errors.Add($"{at}:Fault: {error}");
            }
        }

        if (options.LatencyScale < 0 || double.IsNaN(options.LatencyScale))
        {
            errors.Add($"Simulator:LatencyScale must not be negative (was {options.LatencyScale}).");
        }

        if (options.LedgerCapacity < 1)
        {
            errors.Add($"Simulator:LedgerCapacity must be at least 1 (was {options.LedgerCapacity}).");
        }

        if (!string.IsNullOrWhiteSpace(options.PriceFile))
        {
            try
            {
                PriceCatalog.Load(options.PriceFile);
            }
            catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
            {
                errors.Add($"Simulator:PriceFile: {ex.Message}");
            }
        }

        if (options.ApiKeys.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("Simulator:ApiKeys must not contain empty keys.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
