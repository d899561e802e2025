using Microsoft.Extensions.Options;

namespace Cascade.Router;

/// <summary>Checks <see cref="RouterOptions"/> at start and reports every error at once.</summary>
internal sealed class RouterOptionsValidator : IValidateOptions<RouterOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, RouterOptions options)
    {
        List<string> errors = [];
        if (!string.IsNullOrEmpty(options.AdminKey) && options.AdminKey.Length < 16)
        {
            errors.Add("Router:AdminKey must be at least 16 characters (or unset to disable the admin API).");
        }

        for (int i = 0; i < options.BootstrapKeys.Count; i++)
        {
            BootstrapKeyOptions key = options.BootstrapKeys[i];
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                errors.Add($"Router:BootstrapKeys:{i}:Name is required.");
            }

            if (key.Secret.Length < 24)
            {
                errors.Add($"Router:BootstrapKeys:{i}:Secret must be at least 24 characters.");
            }

            if (key.Policy is { } policy)
            {
                errors.AddRange(policy.Validate().Select(e => $"Router:BootstrapKeys:{i}:Policy: {e}"));
            }
        }

        if (options.DefaultRequestCeiling <= 0)
        {
            errors.Add($"Router:DefaultRequestCeiling must be positive; it is {options.DefaultRequestCeiling}.");
        }

        Positive(options.ReservationLease, "ReservationLease");
        Positive(options.IdempotencyRetention, "IdempotencyRetention");
        Positive(options.IdempotencyLease, "IdempotencyLease");
        Positive(options.AttemptRetention, "AttemptRetention");
        Positive(options.RateLimitWindow, "RateLimitWindow");
        Positive(options.CatchUpInterval, "CatchUpInterval");
        if (options.OfflineAllowanceShare is < 0 or > 1 || double.IsNaN(options.OfflineAllowanceShare))
        {
            errors.Add($"Router:OfflineAllowanceShare must be between 0 and 1; it is {options.OfflineAllowanceShare}.");
        }

        if (string.IsNullOrWhiteSpace(options.RedisPrefix))
        {
            errors.Add("Router:RedisPrefix must not be empty.");
        }

        if (options.AttemptLogLength < 1)
        {
            errors.Add($"Router:AttemptLogLength must be at least 1; it is {options.AttemptLogLength}.");
        }

        if (options.MaxWorkloadsPerKey < 0)
        {
            errors.Add($"Router:MaxWorkloadsPerKey cannot be negative; it is {options.MaxWorkloadsPerKey}.");
        }

        AtLeastOne(options.RequestIndexLengthPerKey, "RequestIndexLengthPerKey");
        AtLeastOne(options.RequestIndexLength, "RequestIndexLength");
        AtLeastOne(options.StatsWindow, "StatsWindow");
        if (options.Alarms is null)
        {
            errors.Add("Router:Alarms cannot be null.");
        }
        else
        {
            errors.AddRange(options.Alarms.Validate());
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void AtLeastOne(int value, string setting)
        {
            if (value < 1)
            {
                errors.Add($"Router:{setting} must be at least 1; it is {value}.");
            }
        }

        void Positive(TimeSpan value, string setting)
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"Router:{setting} must be positive; it is {value}.");
            }
        }
    }
}
