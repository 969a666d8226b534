using System.Net.Sockets;

namespace LiveInsight.Testing;

/// <summary>Free loopback ports, so that test processes running side by side never collide.</summary>
public static class FreeTcpPort
{
    /// <summary>
    /// A port that was free a moment ago: the OS picks it, the listener releases it. Another process could
    /// take it before the caller binds, which is rare enough on a test machine to accept.
    /// </summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
