using System.Buffers;
using System.IO.Pipelines;
using Streaming.Shared.Link;

namespace Streaming.Ingest.Link;

/// <summary>
/// The ingest side of the frame-link handshake (<see cref="LinkCodec"/>): reads the origin's Challenge,
/// answers with a Hello carrying the proof over the cluster secret (<see cref="LinkProof"/>), and waits
/// for Accept. The whole exchange is bounded by one timeout on the injected clock.
/// </summary>
public static class LinkHandshake
{
    public static async Task<LinkHandshakeResult> RunAsync(Stream network, PipeWriter writer, LinkHello hello, ReadOnlyMemory<byte> clusterKey,
        TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var reader = PipeReader.Create(network, new StreamPipeReaderOptions(bufferSize: LinkCodec.MaxHandshakeMessageLength, leaveOpen: true));
        var helloSent = false;
        try
        {
            var (status, challenge) = await ReadAsync(reader, linked.Token);
            if (status == LinkReadStatus.UnsupportedVersion) return LinkHandshakeResult.UnsupportedVersion;
            if (status != LinkReadStatus.Message || challenge.Type != LinkMessageType.Challenge) return LinkHandshakeResult.NoChallenge;

            var proof = new byte[LinkProof.Length];
            LinkProof.Compute(clusterKey.Span, challenge.Nonce!, hello, proof);
            LinkCodec.WriteHello(writer, hello, proof);
            await writer.FlushAsync(linked.Token);
            helloSent = true;

            var (answer, accept) = await ReadAsync(reader, linked.Token);
            return answer == LinkReadStatus.Message && accept.Type == LinkMessageType.Accept ? LinkHandshakeResult.Accepted : LinkHandshakeResult.Refused;
        }
        catch (Exception e) when (e is IOException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Reset or silence: before the Hello the peer never challenged; after it the origin did not accept.
            return helloSent ? LinkHandshakeResult.Refused : LinkHandshakeResult.NoChallenge;
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <summary>One message (at most the handshake size); Invalid when the connection ends first.</summary>
    private static async Task<(LinkReadStatus Status, LinkMessage Message)> ReadAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            var status = LinkCodec.TryRead(ref buffer, out var message, LinkCodec.MaxHandshakeMessageLength);
            if (status == LinkReadStatus.Message && message.Type == LinkMessageType.Frame) message.Frame.Release();
            if (status != LinkReadStatus.NeedMore)
            {
                reader.AdvanceTo(buffer.Start);
                return (status, message);
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted) return (LinkReadStatus.Invalid, default);
        }
    }
}
