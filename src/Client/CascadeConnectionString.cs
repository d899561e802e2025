using System.Data.Common;

namespace Cascade.Client;

/// <summary>Reads a Cascade connection string, <c>Endpoint=http://host:port;Key=...;Model=...</c> (every part optional).</summary>
public static class CascadeConnectionString
{
    /// <summary>Fills the unset parts of <paramref name="settings"/> from <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="settings">The settings to fill.</param>
    /// <param name="connectionName">The connection name, for error messages.</param>
    /// <exception cref="InvalidOperationException">The string cannot be parsed, or its <c>Endpoint</c> is not an absolute http(s) URL.</exception>
    public static void Apply(string connectionString, CascadeClientSettings settings, string connectionName)
    {
        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = connectionString;
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not a Cascade connection string (Endpoint=http://host:port;Key=...): {ex.Message}", ex);
        }

        if (settings.Endpoint is null && parts.TryGetValue("Endpoint", out object? endpoint) && endpoint is string text)
        {
            settings.Endpoint = Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new InvalidOperationException($"ConnectionStrings:{connectionName} has Endpoint '{text}', which is not an absolute http(s) URL.");
        }

        if (settings.ApiKey is null && parts.TryGetValue("Key", out object? key) && key is string secret && secret.Length > 0)
        {
            settings.ApiKey = secret;
        }

        if (settings.Model is null && parts.TryGetValue("Model", out object? model) && model is string name && name.Length > 0)
        {
            settings.Model = name;
        }
    }
}
