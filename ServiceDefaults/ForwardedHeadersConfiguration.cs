using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Reads which proxies may set <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from the <c>ForwardedHeaders</c>
/// section: <c>KnownProxies</c> (addresses), <c>KnownNetworks</c> (CIDR ranges such as <c>10.0.0.0/8</c>) and
/// <c>ForwardLimit</c> (how many proxies in a row are trusted).
/// </summary>
/// <remarks>
/// With neither list set only a proxy on loopback is trusted, ASP.NET Core's default: headers from anywhere else are
/// ignored, so a caller cannot forge its own address. Behind a Kubernetes ingress, set <c>KnownNetworks</c> to the
/// cluster's pod range.
/// </remarks>
public static class ForwardedHeadersConfiguration
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Applies the section to <paramref name="options"/>.</summary>
    /// <param name="options">The options to configure.</param>
    /// <param name="section">The <c>ForwardedHeaders</c> section.</param>
    /// <exception cref="InvalidOperationException">An address or network does not parse; the message names the key and the value.</exception>
    public static void Apply(ForwardedHeadersOptions options, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(section);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        if (section.GetValue<int?>("ForwardLimit") is { } limit)
        {
            options.ForwardLimit = limit;
        }

        IConfigurationSection[] proxies = [.. section.GetSection("KnownProxies").GetChildren()];
        IConfigurationSection[] networks = [.. section.GetSection("KnownNetworks").GetChildren()];
        if (proxies.Length == 0 && networks.Length == 0)
        {
            return;
        }

        // Listed proxies replace the loopback default, so only what the operator named is trusted.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (IConfigurationSection proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy.Value, out IPAddress? address)
                ? address
                : throw new InvalidOperationException($"{proxy.Path} is '{proxy.Value}', not an IP address: set it to a proxy's address such as 10.0.0.12."));
        }

        foreach (IConfigurationSection network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network.Value, out System.Net.IPNetwork parsed)
                ? parsed
                : throw new InvalidOperationException($"{network.Path} is '{network.Value}', not a network: set it in CIDR form such as 10.0.0.0/8."));
        }
    }
}
