using System.Buffers;
using System.Text;
using Streaming.Shared.Link;
using Streaming.Shared.Media;

namespace Streaming.Tools.Fuzz.Targets;

/// <summary>
/// The input as the byte stream an origin reads from a frame link connection (split in two segments where the
/// first byte says), through <see cref="LinkCodec.TryRead"/> until it needs more or refuses. Invariants: documented
/// statuses only; a message consumes bytes and a refusal consumes none; a frame's payload fits in what was read;
/// decoded tracks carry no negative size, rate or bitrate;
/// a decoded message written again with <see cref="LinkCodec"/> decodes to the same bytes (writer and reader agree).
/// </summary>
public static class LinkCodecTarget
{
    private const int MaxLinkString = 1024;

    public static void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty) return;
        var data = input[1..].ToArray();
        var buffer = SequenceSegment.Split(data, input[0] * data.Length / 255);
        for (var messages = 0; ; messages++)
        {
            Invariant.Check(messages <= data.Length, "more messages than bytes");
            var before = buffer.Length;
            var status = LinkCodec.TryRead(ref buffer, out var message);
            Invariant.Defined(status);
            if (status != LinkReadStatus.Message)
            {
                Invariant.Check(buffer.Length == before, $"{status} consumed bytes");
                return;
            }
            Invariant.Check(buffer.Length < before, "a message consumed nothing");
            Invariant.Defined(message.Type);
            if (message.Tracks is { } tracks) CheckTracks(tracks);
            CheckRoundTrip(message, before - buffer.Length);
        }
    }

    /// <summary>Decoded track fields stay in the ranges the origin's model means: nothing negative, no NaN.</summary>
    private static void CheckTracks(StreamTracks tracks)
    {
        foreach (var track in new[] { tracks.Video, tracks.Audio })
        {
            if (track is null) continue;
            Invariant.Check(track.Width >= 0 && track.Height >= 0 && track.Channels >= 0, "negative size or channels");
            Invariant.Check(track.SampleRate >= 0 && track.AnnouncedBitrate >= 0, $"sample rate {track.SampleRate}, bitrate {track.AnnouncedBitrate}");
            Invariant.Check(double.IsFinite(track.FrameRate) && track.FrameRate >= 0, $"frame rate {track.FrameRate}");
        }
    }

    private static void CheckRoundTrip(LinkMessage message, long consumed)
    {
        if (message.Type == LinkMessageType.Frame)
        {
            var frame = message.Frame;
            try
            {
                Invariant.Check(frame.Length <= consumed, "frame payload longer than its message");
                var once = Encode(w => LinkCodec.WriteFrame(w, frame));
                Invariant.Check(once.Length == consumed, "frame re-encodes to another length");
                var sequence = new ReadOnlySequence<byte>(once);
                Invariant.Check(LinkCodec.TryRead(ref sequence, out var again) == LinkReadStatus.Message, "written frame refused");
                var same = again.Frame.Track == frame.Track && again.Frame.Flags == frame.Flags && again.Frame.Dts == frame.Dts
                    && again.Frame.Pts == frame.Pts && again.Frame.Payload.SequenceEqual(frame.Payload);
                again.Frame.Release();
                Invariant.Check(same, "frame changed in a round trip");
            }
            finally
            {
                frame.Release();
            }
            return;
        }
        if (message.Hello is { } hello && message.Proof is { } proof && Fits(hello.StreamName) && Fits(hello.RemoteAddress))
        {
            CheckFixpoint(Encode(w => LinkCodec.WriteHello(w, hello, proof)));
        }
        else if (message.Tracks is { } tracks)
        {
            CheckFixpoint(Encode(w => LinkCodec.WriteTracks(w, tracks)));
        }
    }

    /// <summary>Bytes the writer produced from a decoded message decode and re-encode to themselves.</summary>
    private static void CheckFixpoint(byte[] once)
    {
        var sequence = new ReadOnlySequence<byte>(once);
        Invariant.Check(LinkCodec.TryRead(ref sequence, out var again) == LinkReadStatus.Message, "written message refused");
        Invariant.Check(sequence.IsEmpty, "written message not consumed whole");
        byte[] twice = again switch
        {
            { Hello: { } h, Proof: { } p } => Encode(w => LinkCodec.WriteHello(w, h, p)),
            { Nonce: { } n } => Encode(w => LinkCodec.WriteChallenge(w, n)),
            { Tracks: { } t } => Encode(w => LinkCodec.WriteTracks(w, t)),
            _ => [],
        };
        Invariant.Check(once.AsSpan().SequenceEqual(twice), "message changed in a round trip");
    }

    private static bool Fits(string? value) => value is null || Encoding.UTF8.GetByteCount(value) <= MaxLinkString;

    private static byte[] Encode(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return output.WrittenSpan.ToArray();
    }
}
