extern alias simulator;

using System.Net;
using Cascade.Router.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace Cascade.Deploy.Tests.ScaleOut;

/// <summary>
/// Router replicas over one simulator and one Redis, behind a YARP load balancer on 127.0.0.1 that sends requests to
/// the replicas in turn (round robin), as a Kubernetes Service spreads them over the router's pods.
/// </summary>
public sealed class RouterCluster : IAsyncDisposable
{
    private readonly WebApplication _balancer;

    private RouterCluster(SimulatorHost simulator, IReadOnlyList<RouterFactory> replicas, WebApplication balancer, Uri baseUrl)
    {
        Simulator = simulator;
        Replicas = replicas;
        _balancer = balancer;
        BaseUrl = baseUrl;
    }

    /// <summary>Gets the simulator every replica calls.</summary>
    public SimulatorHost Simulator { get; }

    /// <summary>Gets the router replicas.</summary>
    public IReadOnlyList<RouterFactory> Replicas { get; }

    /// <summary>Gets the load balancer's address.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts <paramref name="replicaCount"/> routers sharing <paramref name="redisConnection"/> and a key prefix, and the load balancer in front of them.</summary>
    public static async Task<RouterCluster> StartAsync(string redisConnection, int replicaCount = 3, IReadOnlyDictionary<string, string?>? settings = null)
    {
        SimulatorHost simulator = await SimulatorHost.StartAsync();
        Dictionary<string, string?> shared = new(settings ?? new Dictionary<string, string?>()) { ["Router:RedisPrefix"] = $"cluster:{Guid.NewGuid():N}:" };
        RouterFactory[] replicas = [.. Enumerable.Range(0, replicaCount).Select(i => RouterFactory.OnKestrel(
            simulator, redisConnection, shared, services => services.AddSingleton<IStartupFilter>(new ReplicaHeaderStartupFilter($"router-{i}"))))];

        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "router", ClusterId = "routers", Match = new RouteMatch { Path = "{**rest}" } }],
            [new ClusterConfig
            {
                ClusterId = "routers",
                LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
                Destinations = replicas.Select((r, i) => (Name: $"router-{i}", Address: r.BaseUrl.ToString()))
                    .ToDictionary(d => d.Name, d => new DestinationConfig { Address = d.Address }),
            }]);
        WebApplication balancer = builder.Build();
        balancer.MapReverseProxy();
        await balancer.StartAsync();
        string address = balancer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RouterCluster(simulator, replicas, balancer, new Uri(address));
    }

    /// <summary>Creates a client of the load balancer, sending <paramref name="apiKey"/> as a bearer token, or the admin key when <paramref name="admin"/>.</summary>
    public HttpClient CreateClient(string? apiKey = null, bool admin = false)
    {
        HttpClient client = new() { BaseAddress = BaseUrl };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        if (admin)
        {
            client.DefaultRequestHeaders.Add("x-admin-key", RouterFactory.AdminKey);
        }

        return client;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _balancer.StopAsync();
        await _balancer.DisposeAsync();
        foreach (RouterFactory replica in Replicas)
        {
            await replica.DisposeAsync();
        }

        await Simulator.DisposeAsync();
    }
}
