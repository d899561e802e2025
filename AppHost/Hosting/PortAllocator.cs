using System.Net;
using System.Net.Sockets;

namespace Cascade.AppHost.Hosting;

/// <summary>Gives each resource a distinct loopback port: a configured one (checked free) or a free one picked by the OS.</summary>
public sealed class PortAllocator
{
    private readonly HashSet<int> _given = [];

    /// <summary>Returns <paramref name="configured"/> when set and free, otherwise a free port not given before.</summary>
    /// <param name="resourceName">The resource the port is for, named in errors.</param>
    /// <param name="configured">A fixed port, or <see langword="null"/> to pick one.</param>
    /// <exception cref="DistributedApplicationException">The configured port is in use or already given to another resource.</exception>
    public int Allocate(string resourceName, int? configured = null)
    {
        lock (_given)
        {
            if (configured is { } port)
            {
                if (!_given.Add(port))
                {
                    throw new DistributedApplicationException($"Port {port} for resource '{resourceName}' is already given to another resource; configure distinct ports.");
                }

                if (!IsFree(port))
                {
                    throw new DistributedApplicationException($"Port {port} for resource '{resourceName}' is in use on 127.0.0.1; stop what listens there or configure another port (AppHost:Resources:{resourceName}:Port).");
                }

                return port;
            }

            while (true)
            {
                var free = PickFree();
                if (_given.Add(free))
                {
                    return free;
                }
            }
        }
    }

    /// <summary>Returns whether <paramref name="port"/> can be bound on 127.0.0.1 now.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int PickFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
