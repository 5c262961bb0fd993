namespace Streaming.Ingest.Rtmp.Handshake;

public enum HandshakeOutcome : byte
{
    /// <summary>Version 3, no valid digest in C1: S1 is random, S2 echoes C1.</summary>
    Plain = 0,
    /// <summary>C1 carried a valid digest at offset scheme 0; S1/S2 are digested.</summary>
    DigestScheme0 = 1,
    /// <summary>C1 carried a valid digest at offset scheme 1; S1/S2 are digested.</summary>
    DigestScheme1 = 2,
    /// <summary>C0 asked for a version other than 3 (e.g. 6, RTMPE): the connection is refused.</summary>
    UnsupportedVersion = 3,
}
