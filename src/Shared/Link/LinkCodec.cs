using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Streaming.Shared.Media;

namespace Streaming.Shared.Link;

/// <summary>
/// The ingest ↔ origin frame link, protocol version 2: a TCP byte stream of messages, each
/// <c>u32 length</c> (big-endian, bytes after this field) + <c>u8 type</c> + body. Integers are big-endian;
/// strings are <c>u16 length</c> + UTF-8 (valid UTF-8, at most 1024 bytes).
/// <list type="number">
/// <item>Origin → ingest on accept, <b>Challenge</b> (5): u8 version, 32-byte random nonce.</item>
/// <item>Ingest → origin, <b>Hello</b> (1): u8 version, str stream name, 16-byte session id, str publisher
/// address, i64 start (unix µs), 32-byte proof = HMAC-SHA256(UTF-8 cluster secret, nonce || the Hello body
/// before the proof) (<see cref="LinkProof"/>).</item>
/// <item>Origin → ingest, <b>Accept</b> (6): empty; the proof, name and caps passed. Otherwise the origin
/// closes the connection without an answer.</item>
/// <item>Ingest → origin: <b>Tracks</b> (2): u8 mask (1 video, 2 audio), then per present track: u8 codec,
/// u16 width, u16 height, u32 frame rate × 1000, u32 sample rate, u8 channels, u32 bitrate, u32 + bytes
/// decoder config (no codec string: receivers derive it from the config). <b>Frame</b> (3): u8 track,
/// u8 flags, i64 dts, i64 pts (90 kHz), i64 arrival (unix µs), payload to the end. <b>SessionEnd</b> (4): empty.</item>
/// </list>
/// Before the proof a receiver reads with <see cref="MaxHandshakeMessageLength"/>, so an unauthenticated
/// peer cannot make it buffer more. Pure: no I/O.
/// </summary>
public static class LinkCodec
{
    public const byte Version = 2;
    public const int MaxMessageLength = 32 * 1024 * 1024;
    /// <summary>Largest message accepted before a Hello is proven (a Hello is at most ~2.1 KiB).</summary>
    public const int MaxHandshakeMessageLength = 4 * 1024;
    internal const int MaxStringLength = 1024;
    /// <summary>Largest Hello body before the proof: version, two strings, session id, start.</summary>
    internal const int MaxHelloFieldsLength = 1 + 2 + MaxStringLength + 16 + 2 + MaxStringLength + 8;
    private const int FrameHeaderLength = 1 + 1 + 1 + 8 + 8 + 8;

    public static void WriteChallenge(IBufferWriter<byte> output, ReadOnlySpan<byte> nonce)
    {
        if (nonce.Length != LinkProof.NonceLength) throw new ArgumentException($"A link nonce is {LinkProof.NonceLength} bytes.", nameof(nonce));
        const int length = 1 + 1 + LinkProof.NonceLength;
        var span = output.GetSpan(4 + length);
        BinaryPrimitives.WriteUInt32BigEndian(span, length);
        span[4] = (byte)LinkMessageType.Challenge;
        span[5] = Version;
        nonce.CopyTo(span[6..]);
        output.Advance(4 + length);
    }

    /// <summary>Writes a Hello carrying <paramref name="proof"/> (see <see cref="LinkProof.Compute"/>).</summary>
    public static void WriteHello(IBufferWriter<byte> output, LinkHello hello, ReadOnlySpan<byte> proof)
    {
        if (proof.Length != LinkProof.Length) throw new ArgumentException($"A link proof is {LinkProof.Length} bytes.", nameof(proof));
        var length = 1 + HelloFieldsLength(hello) + LinkProof.Length;
        var span = output.GetSpan(4 + length);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)length);
        span[4] = (byte)LinkMessageType.Hello;
        var pos = 5 + WriteHelloFields(span[5..], hello);
        proof.CopyTo(span[pos..]);
        output.Advance(4 + length);
    }

    public static void WriteAccept(IBufferWriter<byte> output) => WriteEmpty(output, LinkMessageType.Accept);

    public static void WriteTracks(IBufferWriter<byte> output, StreamTracks tracks)
    {
        var length = 1 + 1 + TrackLength(tracks.Video) + TrackLength(tracks.Audio);
        var span = output.GetSpan(4 + length);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)length);
        span[4] = (byte)LinkMessageType.Tracks;
        span[5] = (byte)((tracks.Video is null ? 0 : 1) | (tracks.Audio is null ? 0 : 2));
        var pos = 6;
        if (tracks.Video is not null) pos += WriteTrack(span[pos..], tracks.Video);
        if (tracks.Audio is not null) WriteTrack(span[pos..], tracks.Audio);
        output.Advance(4 + length);
    }

    public static void WriteFrame(IBufferWriter<byte> output, in MediaFrame frame)
    {
        var length = FrameHeaderLength + frame.Length;
        var span = output.GetSpan(4 + FrameHeaderLength);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)length);
        span[4] = (byte)LinkMessageType.Frame;
        span[5] = (byte)frame.Track;
        span[6] = (byte)frame.Flags;
        BinaryPrimitives.WriteInt64BigEndian(span[7..], frame.Dts);
        BinaryPrimitives.WriteInt64BigEndian(span[15..], frame.Pts);
        BinaryPrimitives.WriteInt64BigEndian(span[23..], frame.ArrivalUnixMicros);
        output.Advance(4 + FrameHeaderLength);
        output.Write(frame.Payload);
    }

    public static void WriteSessionEnd(IBufferWriter<byte> output) => WriteEmpty(output, LinkMessageType.SessionEnd);

    /// <summary>Length of the Hello fields signed by the proof (the Hello body before it).</summary>
    internal static int HelloFieldsLength(LinkHello hello) =>
        1 + 2 + Encoding.UTF8.GetByteCount(hello.StreamName) + 16 + 2 + Encoding.UTF8.GetByteCount(hello.RemoteAddress) + 8;

    /// <summary>Writes the Hello fields (version, name, session id, remote, start); returns their length.</summary>
    internal static int WriteHelloFields(Span<byte> span, LinkHello hello)
    {
        span[0] = Version;
        var pos = 1;
        pos += WriteString(span[pos..], hello.StreamName);
        hello.SessionId.TryWriteBytes(span.Slice(pos, 16), bigEndian: true, out _);
        pos += 16;
        pos += WriteString(span[pos..], hello.RemoteAddress);
        BinaryPrimitives.WriteInt64BigEndian(span[pos..], hello.StartedUnixMicros);
        return pos + 8;
    }

    private static void WriteEmpty(IBufferWriter<byte> output, LinkMessageType type)
    {
        var span = output.GetSpan(5);
        BinaryPrimitives.WriteUInt32BigEndian(span, 1);
        span[4] = (byte)type;
        output.Advance(5);
    }

    /// <summary>
    /// Reads one message from the front of <paramref name="buffer"/>, advancing it past the message on success.
    /// A message longer than <paramref name="maxLength"/> (at most <see cref="MaxMessageLength"/>) is Invalid
    /// as soon as its length field is read.
    /// </summary>
    public static LinkReadStatus TryRead(ref ReadOnlySequence<byte> buffer, out LinkMessage message, int maxLength = MaxMessageLength)
    {
        message = default;
        if (buffer.Length < 5) return LinkReadStatus.NeedMore;
        Span<byte> header = stackalloc byte[5];
        buffer.Slice(0, 5).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        var type = (LinkMessageType)header[4];
        if (length < 1 || length > Math.Min(maxLength, MaxMessageLength) || type is < LinkMessageType.Hello or > LinkMessageType.Accept)
            return LinkReadStatus.Invalid;
        if (buffer.Length < 4 + length) return LinkReadStatus.NeedMore;
        var body = buffer.Slice(5, length - 1);
        LinkReadStatus status;
        if (type == LinkMessageType.Frame)
        {
            status = ReadFrame(body, out message);
        }
        else if (type is LinkMessageType.SessionEnd or LinkMessageType.Accept)
        {
            message = new LinkMessage(type);
            status = length == 1 ? LinkReadStatus.Message : LinkReadStatus.Invalid;
        }
        else if (type is LinkMessageType.Hello or LinkMessageType.Tracks or LinkMessageType.Challenge && length <= 1024 * 1024)
        {
            var bytes = body.IsSingleSegment ? body.FirstSpan : body.ToArray();
            status = type switch
            {
                LinkMessageType.Hello => ReadHello(bytes, out message),
                LinkMessageType.Challenge => ReadChallenge(bytes, out message),
                _ => ReadTracks(bytes, out message),
            };
        }
        else
        {
            status = LinkReadStatus.Invalid;
        }
        if (status == LinkReadStatus.Message) buffer = buffer.Slice(4 + length);
        return status;
    }

    private static LinkReadStatus ReadFrame(ReadOnlySequence<byte> body, out LinkMessage message)
    {
        message = default;
        if (body.Length < FrameHeaderLength - 1) return LinkReadStatus.Invalid;
        Span<byte> header = stackalloc byte[FrameHeaderLength - 1];
        body.Slice(0, header.Length).CopyTo(header);
        var track = header[0];
        if (track > (byte)TrackKind.Audio) return LinkReadStatus.Invalid;
        var payload = body.Slice(header.Length);
        var buffer = SharedBuffer.Rent((int)payload.Length);
        payload.CopyTo(buffer.WritableSpan);
        buffer.SetLength((int)payload.Length);
        var frame = new MediaFrame((TrackKind)track, (FrameFlags)header[1],
            BinaryPrimitives.ReadInt64BigEndian(header[2..]), BinaryPrimitives.ReadInt64BigEndian(header[10..]),
            BinaryPrimitives.ReadInt64BigEndian(header[18..]), buffer, 0, buffer.Length);
        message = new LinkMessage(LinkMessageType.Frame, frame: frame);
        return LinkReadStatus.Message;
    }

    private static LinkReadStatus ReadChallenge(ReadOnlySpan<byte> body, out LinkMessage message)
    {
        message = default;
        var reader = new LinkSpanCursor(body);
        if (!reader.TryByte(out var version)) return LinkReadStatus.Invalid;
        if (version != Version) return LinkReadStatus.UnsupportedVersion;
        if (!reader.TryBytes(LinkProof.NonceLength, out var nonce) || reader.Remaining != 0) return LinkReadStatus.Invalid;
        message = new LinkMessage(LinkMessageType.Challenge, nonce: nonce.ToArray());
        return LinkReadStatus.Message;
    }

    private static LinkReadStatus ReadHello(ReadOnlySpan<byte> body, out LinkMessage message)
    {
        message = default;
        var reader = new LinkSpanCursor(body);
        if (!reader.TryByte(out var version)) return LinkReadStatus.Invalid;
        if (version != Version) return LinkReadStatus.UnsupportedVersion;
        if (!reader.TryString(out var name) || name.Length == 0) return LinkReadStatus.Invalid;
        if (!reader.TryBytes(16, out var id)) return LinkReadStatus.Invalid;
        if (!reader.TryString(out var remote) || !reader.TryInt64(out var started)) return LinkReadStatus.Invalid;
        if (!reader.TryBytes(LinkProof.Length, out var proof) || reader.Remaining != 0) return LinkReadStatus.Invalid;
        message = new LinkMessage(LinkMessageType.Hello, hello: new LinkHello(name, new Guid(id, bigEndian: true), remote, started),
            proof: proof.ToArray());
        return LinkReadStatus.Message;
    }

    private static LinkReadStatus ReadTracks(ReadOnlySpan<byte> body, out LinkMessage message)
    {
        message = default;
        var reader = new LinkSpanCursor(body);
        if (!reader.TryByte(out var mask) || mask > 3) return LinkReadStatus.Invalid;
        TrackInfo? video = null, audio = null;
        if ((mask & 1) != 0 && !TryReadTrack(ref reader, TrackKind.Video, out video)) return LinkReadStatus.Invalid;
        if ((mask & 2) != 0 && !TryReadTrack(ref reader, TrackKind.Audio, out audio)) return LinkReadStatus.Invalid;
        message = new LinkMessage(LinkMessageType.Tracks, tracks: new StreamTracks(video, audio));
        return LinkReadStatus.Message;
    }

    private static bool TryReadTrack(ref LinkSpanCursor reader, TrackKind kind, out TrackInfo? track)
    {
        track = null;
        if (!reader.TryByte(out var codec) || !reader.TryUInt16(out var width) || !reader.TryUInt16(out var height)
            || !reader.TryUInt32(out var fps) || !reader.TryUInt32(out var rate) || rate > int.MaxValue || !reader.TryByte(out var channels)
            || !reader.TryUInt32(out var bitrate) || bitrate > int.MaxValue || !reader.TryUInt32(out var configLength) || configLength > 64 * 1024
            || !reader.TryBytes((int)configLength, out var config))
            return false;
        track = new TrackInfo
        {
            Kind = kind, Codec = (CodecId)codec, CodecConfig = config.ToArray(), Width = width, Height = height,
            FrameRate = fps / 1000.0, SampleRate = (int)Math.Min(rate, int.MaxValue), Channels = channels, AnnouncedBitrate = (int)Math.Min(bitrate, int.MaxValue),
        };
        return true;
    }

    private static int TrackLength(TrackInfo? track) => track is null
        ? 0
        : 1 + 2 + 2 + 4 + 4 + 1 + 4 + 4 + track.CodecConfig.Length;

    private static int WriteTrack(Span<byte> span, TrackInfo track)
    {
        span[0] = (byte)track.Codec;
        BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)Math.Clamp(track.Width, 0, ushort.MaxValue));
        BinaryPrimitives.WriteUInt16BigEndian(span[3..], (ushort)Math.Clamp(track.Height, 0, ushort.MaxValue));
        BinaryPrimitives.WriteUInt32BigEndian(span[5..], (uint)Math.Clamp(Math.Round(track.FrameRate * 1000), 0, uint.MaxValue));
        BinaryPrimitives.WriteUInt32BigEndian(span[9..], (uint)Math.Max(0, track.SampleRate));
        span[13] = (byte)Math.Clamp(track.Channels, 0, 255);
        BinaryPrimitives.WriteUInt32BigEndian(span[14..], (uint)Math.Max(0, track.AnnouncedBitrate));
        BinaryPrimitives.WriteUInt32BigEndian(span[18..], (uint)track.CodecConfig.Length);
        track.CodecConfig.CopyTo(span[22..]);
        return 22 + track.CodecConfig.Length;
    }

    private static int WriteString(Span<byte> span, string value)
    {
        if (Encoding.UTF8.GetByteCount(value) > MaxStringLength) throw new ArgumentException("Link strings are limited to 1024 bytes.", nameof(value));
        var written = Encoding.UTF8.GetBytes(value, span[2..]);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)written);
        return 2 + written;
    }
}
