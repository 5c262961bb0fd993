using System.Diagnostics;

namespace Streaming.EndToEnd.Tests.Infrastructure;

/// <summary>Hard process termination (SIGKILL on Linux), ignoring processes that already exited.</summary>
public static class ProcessKill
{
    /// <summary>SIGKILL the process itself, like a crash or a pulled cable for its peers.</summary>
    public static void Sigkill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: false);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }

    /// <summary>SIGKILL the process and every descendant.</summary>
    public static void Tree(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }
}
