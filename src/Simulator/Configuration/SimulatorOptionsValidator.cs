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

            ValidateErrors($"{at}:Errors", model.Errors, errors);
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

    private static void ValidateErrors(string at, ErrorProfileOptions profile, List<string> errors)
    {
        (string Name, double Value)[] shares =
        [
            (nameof(profile.WrongShare), profile.WrongShare), (nameof(profile.HedgedShare), profile.HedgedShare),
            (nameof(profile.RefusalShare), profile.RefusalShare), (nameof(profile.CutOffShare), profile.CutOffShare),
        ];
        foreach ((string name, double value) in shares)
        {
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                errors.Add($"{at}:{name} must be between 0 and 1 (was {value}).");
            }
        }

        if (shares.Sum(s => s.Value) > 1)
        {
            errors.Add($"{at}: WrongShare + HedgedShare + RefusalShare + CutOffShare must not exceed 1 (was {shares.Sum(s => s.Value)}).");
        }

        foreach ((string name, List<double> quantiles) in new[] { (nameof(profile.LogprobRight), profile.LogprobRight), (nameof(profile.LogprobWrong), profile.LogprobWrong) })
        {
            if (quantiles.Count == 1)
            {
                errors.Add($"{at}:{name} needs at least two quantiles, or none.");
            }

            for (int i = 0; i < quantiles.Count; i++)
            {
                if (quantiles[i] > 0 || double.IsNaN(quantiles[i]) || (i > 0 && quantiles[i] < quantiles[i - 1]))
                {
                    errors.Add($"{at}:{name} must be log-probabilities (at most 0) in ascending order (item {i} was {quantiles[i]}).");
                    break;
                }
            }
        }
    }
}
