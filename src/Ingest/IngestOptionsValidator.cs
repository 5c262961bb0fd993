using System.Net;
using Microsoft.Extensions.Options;

namespace Streaming.Ingest;

/// <summary>Validates <see cref="IngestOptions"/> at start; every failure names its configuration key.</summary>
public sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        var failures = new List<string>();
        var prefix = IngestOptions.SectionName + ":";
        if (options.RtmpPort is < 0 or > 65535) failures.Add($"{prefix}RtmpPort must be 0-65535 (got {options.RtmpPort}).");
        if (options.ApiPort is < 0 or > 65535) failures.Add($"{prefix}ApiPort must be 0-65535 (got {options.ApiPort}).");
        if (options.RtmpPort != 0 && options.RtmpPort == options.ApiPort)
            failures.Add($"{prefix}ApiPort must differ from {prefix}RtmpPort (both {options.RtmpPort}).");
        if (!IPAddress.TryParse(options.ListenAddress, out _))
            failures.Add($"{prefix}ListenAddress must be an IP address (got '{options.ListenAddress}').");
        if (!IPAddress.TryParse(options.ApiListenAddress, out _))
            failures.Add($"{prefix}ApiListenAddress must be an IP address (got '{options.ApiListenAddress}').");
        if (options.MaxMessageSize is < 64 * 1024 or > 0xFFFFFF)
            failures.Add($"{prefix}MaxMessageSize must be 65536-16777215 bytes (got {options.MaxMessageSize}).");
        if (options.HandshakeTimeoutSeconds is < 1 or > 300)
            failures.Add($"{prefix}HandshakeTimeoutSeconds must be 1-300 (got {options.HandshakeTimeoutSeconds}).");
        if (options.IdleTimeoutSeconds is < 1 or > 3600)
            failures.Add($"{prefix}IdleTimeoutSeconds must be 1-3600 (got {options.IdleTimeoutSeconds}).");
        if (options.TakeoverSilenceSeconds is < 0 or > 3600)
            failures.Add($"{prefix}TakeoverSilenceSeconds must be 0-3600 (got {options.TakeoverSilenceSeconds}).");
        if (options.MaxConnections is < 1 or > 100_000)
            failures.Add($"{prefix}MaxConnections must be 1-100000 (got {options.MaxConnections}).");
        if (options.MaxChunkStreams is < 2 or > 65599)
            failures.Add($"{prefix}MaxChunkStreams must be 2-65599 (got {options.MaxChunkStreams}).");
        if (options.MinBytesPerIdleInterval is < 1 or > 100 * 1024 * 1024)
            failures.Add($"{prefix}MinBytesPerIdleInterval must be 1-104857600 (got {options.MinBytesPerIdleInterval}).");
        var minimumBudget = 2L * Math.Max(options.MaxMessageSize, 64 * 1024);
        if (options.PartialMessageBudgetBytes < minimumBudget || options.PartialMessageBudgetBytes > 1L << 40)
            failures.Add($"{prefix}PartialMessageBudgetBytes must be at least twice {prefix}MaxMessageSize ({minimumBudget}) and at most 2^40 (got {options.PartialMessageBudgetBytes}).");
        if (options.MaxWidth is < 16 or > 16384) failures.Add($"{prefix}MaxWidth must be 16-16384 (got {options.MaxWidth}).");
        if (options.MaxHeight is < 16 or > 16384) failures.Add($"{prefix}MaxHeight must be 16-16384 (got {options.MaxHeight}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
