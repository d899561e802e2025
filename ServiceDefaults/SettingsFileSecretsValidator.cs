using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Fails start-up while a secret is set in an <c>appsettings*.json</c> file, naming the key, the file and the environment variable to use instead.</summary>
internal sealed class SettingsFileSecretsValidator(IConfiguration configuration) : IValidateOptions<SettingsFileSecrets>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SettingsFileSecrets options)
    {
        IReadOnlyList<(string Key, string File)> found = SettingsFileSecrets.FindInSettingsFiles(configuration, options.Keys);
        return found.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(found.Select(f =>
                $"{f.Key} is set in {f.File}, but secrets are read only from the environment or a secret store: remove it from the file " +
                $"and set the environment variable {f.Key.Replace(":", "__", StringComparison.Ordinal)} (in Kubernetes from a Secret, see deploy/README.md)."));
    }
}
