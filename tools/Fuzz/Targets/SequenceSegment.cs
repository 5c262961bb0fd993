using System.Buffers;

namespace Streaming.Tools.Fuzz.Targets;

/// <summary>Builds a two-segment <see cref="ReadOnlySequence{T}"/>, as a pipe hands over bytes from two reads.</summary>
public sealed class SequenceSegment : ReadOnlySequenceSegment<byte>
{
    private SequenceSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Split(byte[] data, int at)
    {
        at = Math.Clamp(at, 0, data.Length);
        if (at == 0 || at == data.Length) return new ReadOnlySequence<byte>(data);
        var first = new SequenceSegment(data.AsMemory(0, at), 0);
        var second = new SequenceSegment(data.AsMemory(at), at);
        first.Next = second;
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }
}
