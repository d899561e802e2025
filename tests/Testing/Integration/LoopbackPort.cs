using System.Net;
using System.Net.Sockets;

namespace Cascade.Testing.Integration;

/// <summary>Free TCP ports on 127.0.0.1 for servers that cannot bind port 0 themselves (such as <c>redis-server</c>).</summary>
public static class LoopbackPort
{
    /// <summary>Returns a port that was free on 127.0.0.1 a moment ago (bound to port 0, read, released).</summary>
    public static int GetFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
