namespace Streaming.Shared.Hosting;

/// <summary>
/// Socket continuations run on the socket engine's own thread instead of hopping to the thread pool. Right for
/// services whose per-socket work is short and never blocks (RTMP ingest, the frame link, the origin), and
/// saves a thread hop per receive. Must run before the first socket is created: the engine reads it once.
/// </summary>
public static class SocketEngine
{
    public static void UseInlineCompletions()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
            Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
    }
}
