using Streaming.Tools.Fuzz.Targets;

namespace Streaming.Tools.Fuzz;

/// <summary>Every fuzz target, one per parser of untrusted input.</summary>
public static class FuzzTargets
{
    public static readonly IReadOnlyList<FuzzTarget> All =
    [
        new("rtmp-handshake", "RtmpHandshake.CreateResponse (C0+C1 -> S0+S1+S2)", RtmpHandshakeTarget.Run),
        new("rtmp-chunks", "ChunkReader.TryRead, then AmfReader for commands and FlvFrameMapper for media", RtmpChunkTarget.Run),
        new("amf0", "AmfReader.ReadAll (+ AmfWriter round trip)", Amf0Target.Run),
        new("flv", "FlvVideoParser/FlvAudioParser through FlvFrameMapper (avcC, AudioSpecificConfig, AVCC NAL units)", FlvTagTarget.Run),
        new("link", "LinkCodec.TryRead (+ LinkCodec writers round trip)", LinkCodecTarget.Run),
        new("playlist", "OriginPlaylistParser, MasterPlaylistFilter (archive), PlaylistTokenRewriter (edge), PlaylistParser (load generator)",
            PlaylistTarget.Run),
        new("http-request", "EdgeRequest.TryParse (edge), PlaylistRequest/HlsNames.TryParse (origin), PlaybackToken/SignedPublishKey.Verify",
            HttpRequestTarget.Run),
        new("sps", "H264Sps.TryParse", SpsTarget.Run),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
