using Streaming.Shared.Hls;
using Streaming.Transcode.Hls;

namespace Streaming.Transcode.Tests.Hls;

/// <summary>A short seeded fuzz of what the origin parses from request URLs; tools/Fuzz runs the long version.</summary>
public class RequestParserFuzzTests
{
    private static readonly string[] Seeds =
    [
        "index.m3u8", "0a1b2c3d4e5f-init.mp4", "0a1b2c3d4e5f-init-3.mp4", "0a1b2c3d4e5f-seg12.m4s", "0a1b2c3d4e5f-part12.3.m4s",
        "0a1b2c3d4e5f-part.m4s", "0a1b2c3d4e5f-seg-1.m4s", "0a1b2c3d4e5f-part99999999999999999999.1.m4s", "0a1b2c3d4e5f-init-0.mp4",
        "../index.m3u8", "seg12.m4s", "0A1B2C3D4E5F-seg12.m4s",
    ];

    [Fact]
    public void Mutated_object_names_parse_or_are_refused_without_throwing_and_round_trip_when_accepted()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 20_000; i++)
        {
            var name = Mutate(Seeds[random.Next(Seeds.Length)], random);
            if (!HlsNames.TryParse(name, out var parsed)) continue;
            var canonical = parsed.Kind switch
            {
                HlsObjectKind.MediaPlaylist => HlsNames.Playlist,
                HlsObjectKind.Init => HlsNames.Init(parsed.Instance, parsed.InitIndex),
                HlsObjectKind.Segment => HlsNames.Segment(parsed.Instance, parsed.Msn),
                HlsObjectKind.Part => HlsNames.Part(parsed.Instance, parsed.Msn, parsed.PartIndex),
                _ => name,
            };
            Assert.True(parsed.Msn >= 0 && parsed.PartIndex >= 0 && parsed.InitIndex >= 0, name);
            Assert.Equal(canonical, name);
        }
    }

    [Fact]
    public void Mutated_delivery_directives_parse_or_are_refused_without_throwing()
    {
        var random = new Random(7);
        string?[] values = ["0", "12", "-1", "YES", "v2", "no", "", "99999999999999999999", "1e3", " 1", null];
        for (var i = 0; i < 20_000; i++)
        {
            string? Pick() => random.Next(4) == 0 ? Mutate(values[random.Next(values.Length)] ?? "", random) : values[random.Next(values.Length)];
            if (!PlaylistRequest.TryParse(Pick(), Pick(), Pick(), out var request)) continue;
            Assert.True(request.Msn is null or >= 0);
            Assert.True(request.Part >= -1);
            Assert.True(request.Msn is not null || request.Part == -1);
        }
    }

    private static string Mutate(string input, Random random)
    {
        var chars = input.ToList();
        var edits = random.Next(0, 4);
        for (var e = 0; e < edits; e++)
        {
            var pos = chars.Count == 0 ? 0 : random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0 when chars.Count > 0: chars.RemoveAt(pos); break;
                case 1: chars.Insert(pos, (char)random.Next(32, 127)); break;
                default: if (chars.Count > 0) chars[pos] = (char)random.Next(0, 0x3000); break;
            }
        }
        return new string(chars.ToArray());
    }
}
