using System.Runtime.InteropServices;

namespace Streaming.Transcode.FFmpeg.Native;

/// <summary>libavutil/rational.h: <c>typedef struct AVRational { int num; int den; }</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct AVRational
{
    public int Num;
    public int Den;

    public AVRational(int num, int den)
    {
        Num = num;
        Den = den;
    }
}
