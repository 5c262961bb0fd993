using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Streaming.Shared.Media;

namespace Streaming.Shared.Link;

/// <summary>
/// The ingest → origin frame link: a TCP byte stream of messages, each
/// <c>u32 length</c> (big-endian, bytes after this field) + <c>u8 type</c> + body.
/// Hello: u8 version, str name, 16-byte session id, str remote address, i64 start (unix µs).
/// Tracks: u8 mask (1 video, 2 audio), then per present track: u8 codec, u16 width, u16 height,
/// u32 frame rate × 1000, u32 sample rate, u8 channels, u32 bitrate, str codec string, u32 + bytes config.
/// Frame: u8 track, u8 flags, i64 dts, i64 pts (90 kHz), i64 arrival (unix µs), payload to the end.
/// SessionEnd: empty. Strings are u16 length + UTF-8. Pure: no I/O.
/// </summary>
public static class LinkCodec
{
    public const byte Version = 1;
    public const int MaxMessageLength = 32 * 1024 * 1024;
    private const int MaxStringLength = 1024;
    private const int FrameHeaderLength = 1 + 1 + 1 + 8 + 8 + 8;

    public static void WriteHello(IBufferWriter<byte> output, LinkHello hello)
    {
        var name = Encoding.UTF8.GetByteCount(hello.StreamName);
        var remote = Encoding.UTF8.GetByteCount(hello.RemoteAddress);
        var length = 1 + 1 + 2 + name + 16 + 2 + remote + 8;
        var span = output.GetSpan(4 + length);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)length);
        span[4] = (byte)LinkMessageType.Hello;
        span[5] = Version;
        var pos = 6;
        pos += WriteString(span[pos..], hello.StreamName);
        hello.SessionId.TryWriteBytes(span.Slice(pos, 16), bigEndian: true, out _);
        pos += 16;
        pos += WriteString(span[pos..], hello.RemoteAddress);
        BinaryPrimitives.WriteInt64BigEndian(span[pos..], hello.StartedUnixMicros);
        output.Advance(4 + length);
    }

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

    public static void WriteSessionEnd(IBufferWriter<byte> output)
    {
        var span = output.GetSpan(5);
        BinaryPrimitives.WriteUInt32BigEndian(span, 1);
        span[4] = (byte)LinkMessageType.SessionEnd;
        output.Advance(5);
    }

    /// <summary>Reads one message from the front of <paramref name="buffer"/>, advancing it past the message on success.</summary>
    public static LinkReadStatus TryRead(ref ReadOnlySequence<byte> buffer, out LinkMessage message)
    {
        message = default;
        if (buffer.Length < 5) return LinkReadStatus.NeedMore;
        Span<byte> header = stackalloc byte[5];
        buffer.Slice(0, 5).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (length < 1 || length > MaxMessageLength) return LinkReadStatus.Invalid;
        if (buffer.Length < 4 + length) return LinkReadStatus.NeedMore;
        var type = (LinkMessageType)header[4];
        var body = buffer.Slice(5, length - 1);
        LinkReadStatus status;
        if (type == LinkMessageType.Frame)
        {
            status = ReadFrame(body, out message);
        }
        else if (type == LinkMessageType.SessionEnd)
        {
            message = new LinkMessage(LinkMessageType.SessionEnd);
            status = LinkReadStatus.Message;
        }
        else if (type is LinkMessageType.Hello or LinkMessageType.Tracks && length <= 1024 * 1024)
        {
            var bytes = body.IsSingleSegment ? body.FirstSpan : body.ToArray();
            status = type == LinkMessageType.Hello ? ReadHello(bytes, out message) : ReadTracks(bytes, out message);
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

    private static LinkReadStatus ReadHello(ReadOnlySpan<byte> body, out LinkMessage message)
    {
        message = default;
        var reader = new SpanCursor(body);
        if (!reader.TryByte(out var version) || version != Version) return LinkReadStatus.Invalid;
        if (!reader.TryString(out var name) || name.Length == 0) return LinkReadStatus.Invalid;
        if (!reader.TryBytes(16, out var id)) return LinkReadStatus.Invalid;
        if (!reader.TryString(out var remote) || !reader.TryInt64(out var started)) return LinkReadStatus.Invalid;
        message = new LinkMessage(LinkMessageType.Hello, hello: new LinkHello(name, new Guid(id, bigEndian: true), remote, started));
        return LinkReadStatus.Message;
    }

    private static LinkReadStatus ReadTracks(ReadOnlySpan<byte> body, out LinkMessage message)
    {
        message = default;
        var reader = new SpanCursor(body);
        if (!reader.TryByte(out var mask) || mask > 3) return LinkReadStatus.Invalid;
        TrackInfo? video = null, audio = null;
        if ((mask & 1) != 0 && !TryReadTrack(ref reader, TrackKind.Video, out video)) return LinkReadStatus.Invalid;
        if ((mask & 2) != 0 && !TryReadTrack(ref reader, TrackKind.Audio, out audio)) return LinkReadStatus.Invalid;
        message = new LinkMessage(LinkMessageType.Tracks, tracks: new StreamTracks(video, audio));
        return LinkReadStatus.Message;
    }

    private static bool TryReadTrack(ref SpanCursor reader, TrackKind kind, out TrackInfo? track)
    {
        track = null;
        if (!reader.TryByte(out var codec) || !reader.TryUInt16(out var width) || !reader.TryUInt16(out var height)
            || !reader.TryUInt32(out var fps) || !reader.TryUInt32(out var rate) || rate > int.MaxValue || !reader.TryByte(out var channels)
            || !reader.TryUInt32(out var bitrate) || bitrate > int.MaxValue || !reader.TryString(out var codecString)
            || !reader.TryUInt32(out var configLength) || configLength > 64 * 1024
            || !reader.TryBytes((int)configLength, out var config))
            return false;
        track = new TrackInfo
        {
            Kind = kind, Codec = (CodecId)codec, CodecConfig = config.ToArray(), Width = width, Height = height,
            FrameRate = fps / 1000.0, SampleRate = (int)rate, Channels = channels, AnnouncedBitrate = (int)bitrate,
            CodecString = codecString,
        };
        return true;
    }

    private static int TrackLength(TrackInfo? track) => track is null
        ? 0
        : 1 + 2 + 2 + 4 + 4 + 1 + 4 + 2 + Encoding.UTF8.GetByteCount(track.CodecString) + 4 + track.CodecConfig.Length;

    private static int WriteTrack(Span<byte> span, TrackInfo track)
    {
        span[0] = (byte)track.Codec;
        BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)Math.Clamp(track.Width, 0, ushort.MaxValue));
        BinaryPrimitives.WriteUInt16BigEndian(span[3..], (ushort)Math.Clamp(track.Height, 0, ushort.MaxValue));
        BinaryPrimitives.WriteUInt32BigEndian(span[5..], (uint)Math.Clamp(Math.Round(track.FrameRate * 1000), 0, uint.MaxValue));
        BinaryPrimitives.WriteUInt32BigEndian(span[9..], (uint)Math.Max(0, track.SampleRate));
        span[13] = (byte)Math.Clamp(track.Channels, 0, 255);
        BinaryPrimitives.WriteUInt32BigEndian(span[14..], (uint)Math.Max(0, track.AnnouncedBitrate));
        var pos = 18 + WriteString(span[18..], track.CodecString);
        BinaryPrimitives.WriteUInt32BigEndian(span[pos..], (uint)track.CodecConfig.Length);
        track.CodecConfig.CopyTo(span[(pos + 4)..]);
        return pos + 4 + track.CodecConfig.Length;
    }

    private static int WriteString(Span<byte> span, string value)
    {
        var written = Encoding.UTF8.GetBytes(value, span[2..]);
        if (written > MaxStringLength) throw new ArgumentException("Link strings are limited to 1024 bytes.", nameof(value));
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)written);
        return 2 + written;
    }

    private ref struct SpanCursor(ReadOnlySpan<byte> span)
    {
        private ReadOnlySpan<byte> _rest = span;

        public bool TryByte(out byte value)
        {
            value = 0;
            if (_rest.Length < 1) return false;
            value = _rest[0];
            _rest = _rest[1..];
            return true;
        }

        public bool TryUInt16(out ushort value)
        {
            value = 0;
            if (_rest.Length < 2) return false;
            value = BinaryPrimitives.ReadUInt16BigEndian(_rest);
            _rest = _rest[2..];
            return true;
        }

        public bool TryUInt32(out uint value)
        {
            value = 0;
            if (_rest.Length < 4) return false;
            value = BinaryPrimitives.ReadUInt32BigEndian(_rest);
            _rest = _rest[4..];
            return true;
        }

        public bool TryInt64(out long value)
        {
            value = 0;
            if (_rest.Length < 8) return false;
            value = BinaryPrimitives.ReadInt64BigEndian(_rest);
            _rest = _rest[8..];
            return true;
        }

        public bool TryBytes(int count, out ReadOnlySpan<byte> value)
        {
            value = default;
            if (count < 0 || _rest.Length < count) return false;
            value = _rest[..count];
            _rest = _rest[count..];
            return true;
        }

        public bool TryString(out string value)
        {
            value = "";
            if (!TryUInt16(out var length) || length > MaxStringLength || !TryBytes(length, out var bytes)) return false;
            value = Encoding.UTF8.GetString(bytes);
            return true;
        }
    }
}
