using System.Net;
using System.Net.Sockets;

namespace Credit.Testing;

/// <summary>
/// A loopback port for a process the tests start on a port they choose (the local runtime, a fake endpoint). It is
/// taken below Linux's ephemeral range (32768–60999), where the kernel picks the local ports of outgoing connections,
/// so that no connection of the busy test run can hold it before the process binds it; and never handed out twice.
/// </summary>
public static class FreePort
{
    const int First = 20000;
    const int Last = 32767;
    static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        lock (HandedOut)
        {
            while (true)
            {
                var port = Random.Shared.Next(First, Last + 1);
                if (HandedOut.Contains(port) || !CanBind(port))
                {
                    continue;
                }

                HandedOut.Add(port);
                return port;
            }
        }
    }

    static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
