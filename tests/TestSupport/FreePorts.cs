using System.Net;
using System.Net.Sockets;

namespace Streaming.TestSupport;

/// <summary>Currently free loopback TCP ports (all listeners are held until every port is chosen, so they differ).</summary>
public static class FreePorts
{
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }
}
