namespace Streaming.Edge.Caching;

/// <summary>
/// Single-flight: concurrent callers with the same key share one run of the producer (one upstream request).
/// Every caller receives its own reference to the same <see cref="CachedResponse"/>. The producer runs
/// detached from any caller, so a viewer that goes away does not cancel the fetch others wait for; a caller
/// that stops waiting gives its reference back when the flight ends.
/// </summary>
public sealed class RequestCoalescer
{
    private sealed class Flight
    {
        public readonly TaskCompletionSource<CachedResponse> Completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Callers;
    }

    private readonly Dictionary<string, Flight> _flights = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    public int InFlight { get { lock (_lock) return _flights.Count; } }

    /// <summary>
    /// Joins the flight for <paramref name="key"/> or starts it with <paramref name="produce"/> (which returns a response
    /// holding one reference, and must not throw for expected failures). <c>Coalesced</c> is true for joiners.
    /// </summary>
    public async Task<(CachedResponse Response, bool Coalesced)> RunAsync(string key, Func<Task<CachedResponse>> produce,
        CancellationToken cancellationToken)
    {
        Flight flight;
        bool leader;
        lock (_lock)
        {
            leader = !_flights.TryGetValue(key, out flight!);
            if (leader)
            {
                flight = new Flight();
                _flights[key] = flight;
            }
            flight.Callers++;
        }
        if (leader) _ = RunFlightAsync(key, flight, produce);
        try
        {
            var response = await flight.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return (response, !leader);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _ = flight.Completion.Task.ContinueWith(static t =>
            {
                if (t.IsCompletedSuccessfully) t.Result.Release();
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    private async Task RunFlightAsync(string key, Flight flight, Func<Task<CachedResponse>> produce)
    {
        CachedResponse response;
        try
        {
            response = await produce().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            lock (_lock) _flights.Remove(key);
            flight.Completion.SetException(e);
            return;
        }
        lock (_lock)
        {
            _flights.Remove(key);
            // One reference per caller that joined; no caller can join any more.
            for (var i = 0; i < flight.Callers; i++) response.AddRef();
        }
        response.Release();
        flight.Completion.SetResult(response);
    }
}
