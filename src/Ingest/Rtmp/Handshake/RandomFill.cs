namespace Streaming.Ingest.Rtmp.Handshake;

/// <summary>Fills <paramref name="destination"/> with random bytes; injected so handshake tests are byte-exact.</summary>
public delegate void RandomFill(Span<byte> destination);
