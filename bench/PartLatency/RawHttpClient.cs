using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Streaming.Bench.PartLatency;

/// <summary>
/// A blocking HTTP/1.1 keep-alive client on one socket, so the time a response's last byte arrived is taken
/// on the reading thread right after the read returns (no async continuation delay in the measurement).
/// Handles Content-Length and chunked bodies.
/// </summary>
public sealed class RawHttpClient : IDisposable
{
    private readonly IPEndPoint _endpoint;
    private Socket? _socket;
    private readonly byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;

    public RawHttpClient(IPEndPoint endpoint) => _endpoint = endpoint;

    public HttpResult Get(string path, TimeSpan timeout)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return GetOnce(path, timeout);
            }
            catch (Exception e) when (attempt == 0 && e is IOException or SocketException)
            {
                // The server closed an idle keep-alive connection: reconnect once.
                Close();
            }
        }
    }

    private HttpResult GetOnce(string path, TimeSpan timeout)
    {
        if (_socket is null)
        {
            _socket = new Socket(_endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            _socket.Connect(_endpoint);
            _start = _end = 0;
        }
        _socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        var request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {_endpoint}\r\n\r\n");
        var startTicks = Stopwatch.GetTimestamp();
        _socket.Send(request);
        var headerEnd = -1;
        while ((headerEnd = IndexOf("\r\n\r\n"u8)) < 0) Fill();
        var head = Encoding.ASCII.GetString(_buffer, _start, headerEnd - _start);
        _start = headerEnd + 4;
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        long contentLength = -1;
        var chunked = false;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) contentLength = long.Parse(value, CultureInfo.InvariantCulture);
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked")) chunked = true;
        }
        var body = new MemoryStream();
        if (chunked)
        {
            while (true)
            {
                int lineEnd;
                while ((lineEnd = IndexOf("\r\n"u8)) < 0) Fill();
                var size = int.Parse(Encoding.ASCII.GetString(_buffer, _start, lineEnd - _start).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                _start = lineEnd + 2;
                while (_end - _start < size + 2) Fill();
                body.Write(_buffer, _start, size);
                _start += size + 2;
                if (size == 0) break;
            }
        }
        else if (contentLength > 0)
        {
            while (body.Length < contentLength)
            {
                if (_start == _end) Fill();
                var n = (int)Math.Min(_end - _start, contentLength - body.Length);
                body.Write(_buffer, _start, n);
                _start += n;
            }
        }
        var doneTicks = Stopwatch.GetTimestamp();
        return new HttpResult(status, body.ToArray(), startTicks, doneTicks);
    }

    private int IndexOf(ReadOnlySpan<byte> pattern)
    {
        var i = _buffer.AsSpan(_start, _end - _start).IndexOf(pattern);
        return i < 0 ? -1 : _start + i;
    }

    private void Fill()
    {
        if (_start > 0 && _start == _end) _start = _end = 0;
        if (_end == _buffer.Length)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        var n = _socket!.Receive(_buffer, _end, _buffer.Length - _end, SocketFlags.None);
        if (n == 0) throw new IOException("connection closed by the server");
        _end += n;
    }

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
    }

    public void Dispose() => Close();
}
