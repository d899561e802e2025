using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cascade.SupportChatDemo.Tests;

/// <summary>Hosts the demo against a <see cref="FakeRouter"/>, the way the AppHost wires it (<c>services:router:http:0</c>, <c>SupportChat__RouterApiKey</c>).</summary>
public sealed class SupportChatFactory(Uri? routerAddress, string apiKey = FakeRouter.ApiKey, TimeSpan? routerTimeout = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("services:router:http:0", routerAddress?.ToString() ?? "");
        builder.UseSetting("SupportChat:RouterApiKey", apiKey);
        if (routerTimeout is { } timeout)
        {
            builder.UseSetting("SupportChat:RouterTimeout", timeout.ToString());
        }

        builder.ConfigureLogging(logging => logging.ClearProviders());
    }

    /// <summary>Starts the demo on Kestrel and returns its address.</summary>
    public Uri StartOnKestrel()
    {
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        StartServer();
        return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}
