using Streaming.Archive.Options;

namespace Streaming.Archive.Tests.Infrastructure;

/// <summary>
/// A real S3 API server (npm s3rver, installed on first use into tests/Archive.Tests/s3) on a loopback
/// port with one bucket. It checks the access key id (S3RVER) but not signatures.
/// </summary>
public sealed class S3rver : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private ChildProcess? _process;

    private S3rver(string dataDirectory, int port, string bucket)
    {
        DataDirectory = dataDirectory;
        Port = port;
        Bucket = bucket;
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public string Bucket { get; }
    public string Url => $"http://127.0.0.1:{Port}";
    public string Log => _process?.Log ?? "";

    public static async Task<S3rver> StartAsync(string bucket = "archive")
    {
        var server = new S3rver(RepoPaths.NewTempDirectory("s3rver"), FreePorts.Take(1)[0], bucket);
        await server.RestartAsync();
        return server;
    }

    public S3StoreOptions StoreOptions(string prefix = "") => new()
    {
        Bucket = Bucket, Prefix = prefix, Region = "us-east-1", ServiceUrl = Url, ForcePathStyle = true,
        AccessKeyId = AccessKey, SecretAccessKey = SecretKey, RequestTimeoutSeconds = 5,
    };

    /// <summary>Starts (again) on the same port and data directory.</summary>
    public async Task RestartAsync()
    {
        var script = await EnsureInstalledAsync();
        _process = ChildProcess.Start("s3rver", Tool.Require("node"),
            [script, "-d", DataDirectory, "-a", "127.0.0.1", "-p", Port.ToString(), "--silent", "--configure-bucket", Bucket],
            new Dictionary<string, string> { ["NODE_OPTIONS"] = "--openssl-legacy-provider" });
        await _process.WaitForTcpAsync(Port, TimeSpan.FromSeconds(20));
    }

    public async Task KillAsync()
    {
        if (_process is null) return;
        await _process.DisposeAsync();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { }
    }

    private static async Task<string> EnsureInstalledAsync()
    {
        var folder = Path.Combine(RepoPaths.Root, "tests", "Archive.Tests", "s3");
        var script = Path.Combine(folder, "node_modules", "s3rver", "bin", "s3rver.js");
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(script)) return script;
            Tool.Require("node");
            await using var npm = ChildProcess.Start("npm", Tool.Require("npm"), ["install", "--no-audit", "--no-fund"],
                new Dictionary<string, string>(), folder);
            var code = await npm.WaitForExitAsync(TimeSpan.FromMinutes(3));
            if (code != 0 || !File.Exists(script)) Assert.Fail($"npm install of s3rver failed ({code}):\n{npm.Log}");
            return script;
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
