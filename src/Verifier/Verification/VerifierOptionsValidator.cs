using Microsoft.Extensions.Options;

namespace Cascade.Verifier.Verification;

/// <summary>Validates <see cref="VerifierOptions"/> at start-up, collecting every error at once.</summary>
internal sealed class VerifierOptionsValidator : IValidateOptions<VerifierOptions>
{
    private static readonly string[] Providers = ["auto", "openai", "anthropic", "none"];

    public ValidateOptionsResult Validate(string? name, VerifierOptions options)
    {
        var errors = new List<string>();
        JudgeModelOptions judge = options.Judge;
        if (!Providers.Contains(judge.Provider, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"Verifier:Judge:Provider '{judge.Provider}' is not one of {string.Join(", ", Providers)}.");
        }

        if (judge.Enabled && string.IsNullOrWhiteSpace(judge.Model))
        {
            errors.Add("Verifier:Judge:Model is required when a judge is configured.");
        }

        if (judge.Endpoint is { } endpoint && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
        {
            errors.Add($"Verifier:Judge:Endpoint '{endpoint}' is not an absolute URL.");
        }

        if (options.ServiceKey is { } serviceKey && serviceKey.Length > 0 && serviceKey.Trim().Length < 16)
        {
            errors.Add("Verifier:ServiceKey must be at least 16 characters (or unset to accept every caller).");
        }

        if (judge.MaxOutputTokens <= 0)
        {
            errors.Add("Verifier:Judge:MaxOutputTokens must be positive.");
        }

        if (judge.InputPricePerMillion < 0 || judge.OutputPricePerMillion < 0)
        {
            errors.Add("Verifier:Judge prices cannot be negative.");
        }

        if (options.CacheSize < 0)
        {
            errors.Add("Verifier:CacheSize cannot be negative (0 turns the cache off).");
        }

        if (options.CacheDuration <= TimeSpan.Zero)
        {
            errors.Add("Verifier:CacheDuration must be positive.");
        }

        if (options.CalibrationFile is { } file && !File.Exists(file))
        {
            errors.Add($"Verifier:CalibrationFile '{file}' does not exist; produce it with 'Cascade.Verifier calibrate'.");
        }

        for (int i = 0; i < options.Checks.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Checks[i].Kind))
            {
                errors.Add($"Verifier:Checks:{i}:Kind is required.");
            }
            else if (options.Checks[i].Kind.Equals(RemoteVerifierGate.Kind, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"Verifier:Checks:{i}: the verifier cannot call itself ('{RemoteVerifierGate.Kind}').");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
