using Streaming.Archive.Tests.Infrastructure;

namespace Streaming.Archive.Tests.Storage;

public sealed class S3rverFixture : IAsyncLifetime
{
    public S3rver Server { get; private set; } = null!;
    public async Task InitializeAsync() => Server = await S3rver.StartAsync("contract");
    public async Task DisposeAsync() => await Server.DisposeAsync();
}
