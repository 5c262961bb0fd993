namespace Streaming.Ingest.Tests.Auth;

/// <summary>Polls a condition that becomes true shortly after an observable event (e.g. a metric after a close).</summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(20);
        }
        return true;
    }
}
