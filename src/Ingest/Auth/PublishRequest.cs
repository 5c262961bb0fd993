namespace Streaming.Ingest.Auth;

/// <summary>A publish to authorize: the RTMP app, the raw publish argument (stream key, query included) and the peer.</summary>
public sealed record PublishRequest(string App, string Key, string ClientAddress)
{
    /// <summary>The publish argument without its query string.</summary>
    public string PlainName
    {
        get
        {
            var query = Key.IndexOf('?');
            return query >= 0 ? Key[..query] : Key;
        }
    }
}
