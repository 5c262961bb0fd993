using Streaming.EndToEnd.Tests.Publishing;

namespace Streaming.EndToEnd.Tests.Infrastructure;

/// <summary>A <see cref="SystemUnderTest"/> with one ffmpeg publisher kept live for the whole test class.</summary>
public sealed class LiveStreamFixture : IAsyncLifetime
{
    public SystemUnderTest System { get; } = new();

    public string Stream { get; } = "ll" + Guid.NewGuid().ToString("N")[..8];

    public Publisher Publisher { get; private set; } = null!;

    public string MediaPlaylistUrl => System.MediaPlaylistUrl(Stream);

    public async Task InitializeAsync()
    {
        Tool.Require("ffmpeg");
        await System.InitializeAsync();
        Publisher = Publisher.StartFfmpeg(System.RtmpUrl(Stream));
    }

    /// <summary>Runs a test body, attaching service and publisher logs to any failure.</summary>
    public Task RunAsync(Func<Task> body) => System.RunAsync(body, () => Publisher.Describe());

    public async Task DisposeAsync()
    {
        if (Publisher is not null) await Publisher.DisposeAsync();
        await System.DisposeAsync();
    }
}
