namespace Streaming.Edge.Upstreams;

/// <summary>An origin or a parent edge this edge pulls from: a stable name (what ranking hashes over), a base URL and its circuit.</summary>
public sealed class Upstream
{
    private int _healthy = 1;

    public Upstream(string name, Uri baseUri, CircuitBreaker breaker)
    {
        Name = name;
        BaseUri = baseUri;
        Breaker = breaker;
    }

    public string Name { get; }
    public Uri BaseUri { get; }
    public CircuitBreaker Breaker { get; }

    /// <summary>The last health probe's answer.</summary>
    public bool Healthy
    {
        get => Volatile.Read(ref _healthy) == 1;
        set => Volatile.Write(ref _healthy, value ? 1 : 0);
    }

    public Uri Resolve(string pathAndQuery) => new(BaseUri, pathAndQuery);

    public override string ToString() => Name;
}
