namespace Streaming.Shared.Link;

/// <summary>First message on a link connection: which stream and publish session the frames belong to.</summary>
public sealed record LinkHello(string StreamName, Guid SessionId, string RemoteAddress, long StartedUnixMicros);
