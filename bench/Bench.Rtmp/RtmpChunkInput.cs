using System.Buffers.Binary;

namespace Streaming.Bench.Rtmp;

/// <summary>Blocking reader of the server-to-client chunk stream (used only during the publish handshake).</summary>
public sealed class RtmpChunkInput
{
    private readonly Stream _stream;
    private readonly Dictionary<int, State> _states = new();
    private int _chunkSize = 128;

    public RtmpChunkInput(Stream stream) => _stream = stream;

    public RtmpMessage Read()
    {
        while (true)
        {
            var b0 = ReadByte();
            var fmt = b0 >> 6;
            var csid = b0 & 0x3F;
            if (csid == 0) csid = 64 + ReadByte();
            else if (csid == 1) csid = 64 + ReadByte() + (ReadByte() << 8);
            if (!_states.TryGetValue(csid, out var s)) _states[csid] = s = new State();
            if (fmt <= 2)
            {
                Span<byte> h = stackalloc byte[11];
                var size = fmt == 0 ? 11 : fmt == 1 ? 7 : 3;
                _stream.ReadExactly(h[..size]);
                var ts = (uint)((h[0] << 16) | (h[1] << 8) | h[2]);
                if (fmt <= 1)
                {
                    s.Length = (h[3] << 16) | (h[4] << 8) | h[5];
                    s.TypeId = h[6];
                }
                if (fmt == 0) s.StreamId = BinaryPrimitives.ReadUInt32LittleEndian(h[7..]);
                s.Extended = ts == 0xFFFFFF;
                if (s.Extended) ts = ReadUInt32();
                s.Timestamp = fmt == 0 ? ts : s.Timestamp + ts;
            }
            else if (s.Extended)
            {
                ReadUInt32();
            }
            s.Partial ??= new MemoryStream();
            var take = Math.Min(_chunkSize, s.Length - (int)s.Partial.Length);
            var buffer = new byte[take];
            _stream.ReadExactly(buffer);
            s.Partial.Write(buffer);
            if (s.Partial.Length < s.Length) continue;
            var message = new RtmpMessage(s.TypeId, s.StreamId, s.Timestamp, s.Partial.ToArray());
            s.Partial = null;
            if (message.TypeId == 1 && message.Payload.Length >= 4)
            {
                _chunkSize = (int)(BinaryPrimitives.ReadUInt32BigEndian(message.Payload) & 0x7FFFFFFF);
            }
            return message;
        }
    }

    private int ReadByte()
    {
        var b = _stream.ReadByte();
        return b < 0 ? throw new EndOfStreamException("server closed the connection") : b;
    }

    private uint ReadUInt32()
    {
        Span<byte> b = stackalloc byte[4];
        _stream.ReadExactly(b);
        return BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    private sealed class State
    {
        public int Length;
        public byte TypeId;
        public uint StreamId;
        public uint Timestamp;
        public bool Extended;
        public MemoryStream? Partial;
    }
}
