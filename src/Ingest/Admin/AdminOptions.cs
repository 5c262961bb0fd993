namespace Streaming.Ingest.Admin;

/// <summary>Configuration section <c>Streaming:Ingest:Admin</c>. An empty token disables the admin API (404).</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Streaming:Ingest:Admin";

    /// <summary>Bearer token required on <c>/admin/*</c>.</summary>
    public string Token { get; set; } = "";

    public bool Enabled => Token.Length > 0;
}
