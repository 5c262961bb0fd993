using Microsoft.Extensions.Options;
using Streaming.Ingest.Auth;
using Streaming.Ingest.Limits;
using Streaming.Ingest.Tls;

namespace Streaming.Ingest.Rtmp.Server;

/// <summary>
/// What the RTMP server enforces beyond the protocol: publish authorization, connection caps, per-stream
/// limits and the optional RTMPS listener. Without a policy the server is open (tests of the protocol).
/// </summary>
public sealed class RtmpServerPolicy
{
    public RtmpServerPolicy(PublishAuthorizer authorizer, IOptions<IngestOptions> ingest, IOptions<IngestLimitsOptions> limits,
        IOptions<RtmpsOptions> tls)
    {
        Authorizer = authorizer;
        Limits = limits.Value;
        Tls = tls.Value;
        Gate = new ConnectionGate(ingest.Value.MaxConnections, Limits.MaxConnectionsPerIp);
    }

    public PublishAuthorizer Authorizer { get; }
    public IngestLimitsOptions Limits { get; }
    public RtmpsOptions Tls { get; }
    public ConnectionGate Gate { get; }
}
