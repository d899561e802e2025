using Cascade.AppHost.Hosting;

namespace Cascade.AppHost.Tests.Hosting;

public sealed class PortAllocatorTests
{
    [Fact]
    public void ConfiguredPortInUse_IsAnErrorNamingTheResourceAndSetting()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;

        var ex = Should.Throw<DistributedApplicationException>(() => new PortAllocator().Allocate("router", port));

        ex.Message.ShouldContain($"Port {port} for resource 'router' is in use");
        ex.Message.ShouldContain("AppHost:Resources:router:Port");
    }

    [Fact]
    public void SameConfiguredPortTwice_IsAnError()
    {
        var allocator = new PortAllocator();
        var port = PreparedModel.FreePort();
        allocator.Allocate("router", port);

        Should.Throw<DistributedApplicationException>(() => allocator.Allocate("verifier", port)).Message.ShouldContain("already given");
    }
}
