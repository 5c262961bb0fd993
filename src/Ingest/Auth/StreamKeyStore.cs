using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Streaming.Shared.Streams;

namespace Streaming.Ingest.Auth;

/// <summary>
/// Secret stream key -> public stream name, persisted in <see cref="PublishAuthOptions.KeysFile"/> as JSON.
/// Keys are hashed at rest (SHA-256 over a random per-entry salt and the key) and compared in constant
/// time; the secret is returned once, by <see cref="TryCreate"/>. One key per name. Writes are atomic
/// (temporary file, then rename). Thread-safe.
/// </summary>
public sealed class StreamKeyStore
{
    private const int SaltBytes = 16;
    private const int SecretBytes = 24;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly object _lock = new();
    private readonly string _path;
    private readonly TimeProvider _time;
    private List<StreamKeyEntry> _entries;

    public StreamKeyStore(IOptions<PublishAuthOptions> options, TimeProvider time)
    {
        _path = Path.GetFullPath(options.Value.KeysFile);
        _time = time;
        _entries = Load(_path);
    }

    public IReadOnlyList<StreamKeyInfo> List()
    {
        lock (_lock) return _entries.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => new StreamKeyInfo(e.Name, e.CreatedAt)).ToArray();
    }

    /// <summary>Creates a key for <paramref name="name"/>; false if the name is invalid or already has a key.</summary>
    public bool TryCreate(string name, out string secret)
    {
        secret = "";
        if (!StreamNames.IsValid(name)) return false;
        lock (_lock)
        {
            if (_entries.Any(e => e.Name == name)) return false;
            var key = "sk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretBytes));
            var salt = RandomNumberGenerator.GetBytes(SaltBytes);
            var entries = new List<StreamKeyEntry>(_entries)
            {
                new(name, Convert.ToHexStringLower(salt), Convert.ToHexStringLower(HashOf(salt, key)), _time.GetUtcNow()),
            };
            Save(entries);
            _entries = entries;
            secret = key;
            return true;
        }
    }

    public bool Delete(string name)
    {
        lock (_lock)
        {
            var entries = _entries.Where(e => e.Name != name).ToList();
            if (entries.Count == _entries.Count) return false;
            Save(entries);
            _entries = entries;
            return true;
        }
    }

    /// <summary>Finds the name whose key is <paramref name="key"/>; every entry is checked (constant time per entry).</summary>
    public bool TryResolve(string key, out string name)
    {
        name = "";
        if (key.Length is 0 or > 256) return false;
        List<StreamKeyEntry> entries;
        lock (_lock) entries = _entries;
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        var found = false;
        foreach (var entry in entries)
        {
            if (Convert.FromHexString(entry.Hash, expected, out _, out var written) != System.Buffers.OperationStatus.Done
                || written != expected.Length) continue;
            if (CryptographicOperations.FixedTimeEquals(HashOf(Convert.FromHexString(entry.Salt), key), expected) && !found)
            {
                name = entry.Name;
                found = true;
            }
        }
        return found;
    }

    private static byte[] HashOf(byte[] salt, string key)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var input = new byte[salt.Length + keyBytes.Length];
        salt.CopyTo(input, 0);
        keyBytes.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }

    private static List<StreamKeyEntry> Load(string path)
    {
        if (!File.Exists(path)) return [];
        var text = File.ReadAllText(path);
        return text.Length == 0 ? [] : JsonSerializer.Deserialize<List<StreamKeyEntry>>(text, Json) ?? [];
    }

    private void Save(List<StreamKeyEntry> entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temp = _path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(entries, Json));
        File.Move(temp, _path, overwrite: true);
    }
}
