using System.Net;
using System.Net.Sockets;
using Cascade.Router.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cascade.Deploy.Tests.Production;

/// <summary>What the router's pipeline does in Production: errors without internals, the client's address from a trusted proxy only.</summary>
public sealed class ProductionPipelineTests
{
    [Fact]
    public async Task InProduction_AnUnhandledError_IsAProblemDetails_WithoutStackTraceOrRequestHeaders()
    {
        await using RouterFactory router = new();
        using var inProduction = router.WithWebHostBuilder(web => web
            .UseEnvironment("Production")
            .ConfigureServices(services => services.AddTransient<IStartupFilter, ThrowingPathFilter>()));
        using HttpClient client = inProduction.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, ThrowingPathFilter.Path);
        request.Headers.Add("x-private-header", "header-value-that-must-not-come-back");

        using HttpResponseMessage response = await client.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        body.ShouldNotContain(ThrowingPathFilter.Secret);
        body.ShouldNotContain("header-value-that-must-not-come-back");
        body.ShouldNotContain("   at ");
    }

    [Fact]
    public void ForwardedHeaders_TrustOnlyTheConfiguredProxiesAndNetworks()
    {
        var options = new ForwardedHeadersOptions();
        IConfigurationSection section = Section(new()
        {
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.12",
            ["ForwardedHeaders:KnownNetworks:0"] = "10.1.0.0/16",
            ["ForwardedHeaders:ForwardLimit"] = "2",
        });

        ForwardedHeadersConfiguration.Apply(options, section);

        options.KnownProxies.ShouldContain(IPAddress.Parse("10.0.0.12"));
        options.ForwardLimit.ShouldBe(2);
        options.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedFor).ShouldBeTrue();
        options.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedProto).ShouldBeTrue();
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.internal", "not an IP address")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.1.0.0", "not a network")]
    public void ForwardedHeaders_ABadAddress_SaysWhichKeyAndWhatToSet(string key, string value, string message)
    {
        var ex = Should.Throw<InvalidOperationException>(() => ForwardedHeadersConfiguration.Apply(new ForwardedHeadersOptions(), Section(new() { [key] = value })));

        ex.Message.ShouldContain(key);
        ex.Message.ShouldContain(message);
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(ForwardedHeadersConfiguration.SectionName);

    // A path no endpoint serves, answered by a middleware that fails, after the router's own pipeline.
    private sealed class ThrowingPathFilter : IStartupFilter
    {
        public const string Path = "/__test/throw";
        public const string Secret = "internal detail that must not leave the process";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path == Path ? throw new InvalidOperationException(Secret) : Task.CompletedTask);
        };
    }
}
