using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace Microsoft.Extensions.Hosting;

/// <summary>The configuration keys that hold secrets, which must never be set in an <c>appsettings*.json</c> file.</summary>
public sealed class SettingsFileSecrets
{
    /// <summary>Gets the secret keys; a segment <c>*</c> matches any one segment (<c>Cascade:Providers:*:ApiKey</c>).</summary>
    public List<string> Keys { get; } = [];

    /// <summary>Finds every secret key set (to a non-empty value) in an <c>appsettings*.json</c> file among the sources of <paramref name="configuration"/>.</summary>
    /// <param name="configuration">The application's configuration.</param>
    /// <param name="secretKeys">The secret keys, as in <see cref="Keys"/>.</param>
    /// <returns>Each offending key with the file that sets it.</returns>
    public static IReadOnlyList<(string Key, string File)> FindInSettingsFiles(IConfiguration configuration, IEnumerable<string> secretKeys)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string[][] patterns = [.. secretKeys.Select(k => k.Split(ConfigurationPath.KeyDelimiter))];
        List<(string, string)> found = [];
        if (configuration is not IConfigurationRoot root)
        {
            return found;
        }

        foreach (JsonConfigurationProvider provider in root.Providers.OfType<JsonConfigurationProvider>())
        {
            string file = provider.Source.Path ?? "";
            string name = Path.GetFileName(file);
            if (!name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                // User secrets and other JSON files a secret store writes are allowed: only the shipped settings files are checked.
                continue;
            }

            foreach (string key in KeysOf(provider, null))
            {
                if (provider.TryGet(key, out string? value) && !string.IsNullOrWhiteSpace(value) && patterns.Any(p => Matches(p, key)))
                {
                    found.Add((key, name));
                }
            }
        }

        return found;
    }

    private static bool Matches(string[] pattern, string key)
    {
        string[] segments = key.Split(ConfigurationPath.KeyDelimiter);
        return segments.Length == pattern.Length
            && pattern.Zip(segments).All(pair => pair.First == "*" || string.Equals(pair.First, pair.Second, StringComparison.OrdinalIgnoreCase));
    }

    private static IEnumerable<string> KeysOf(IConfigurationProvider provider, string? parent)
    {
        foreach (string child in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            string path = parent is null ? child : ConfigurationPath.Combine(parent, child);
            yield return path;
            foreach (string descendant in KeysOf(provider, path))
            {
                yield return descendant;
            }
        }
    }
}
