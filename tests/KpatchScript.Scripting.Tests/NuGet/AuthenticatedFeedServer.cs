using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace KpatchScript.Scripting.Tests.NuGet;

/// <summary>
/// A NuGet v3 feed on 127.0.0.1 (service index and flat container) serving the <c>&lt;id&gt;.&lt;version&gt;.nupkg</c>
/// files of a folder, that answers 401 with a Basic challenge to any request without the expected credentials.
/// </summary>
internal sealed class AuthenticatedFeedServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _folder;
    private readonly string _expected;
    private readonly string _prefix;

    public AuthenticatedFeedServer(string folder, string user, string password)
    {
        _folder = folder;
        _expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        // HttpListener cannot take port 0: take one the system hands out and release it.
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            // A path of its own: NuGet's http cache keys on the URL, and a later test may get the same port.
            _prefix = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/{Guid.NewGuid():N}/";
        }

        _listener.Prefixes.Add(_prefix);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string IndexUrl => _prefix + "v3/index.json";

    /// <summary>Each request as "path status".</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // closed
            }

            using var response = context.Response;
            var path = context.Request.Url!.AbsolutePath;
            var (status, body) = context.Request.Headers["Authorization"] == _expected ? Answer(path) : (401, []);
            if (status == 401)
            {
                response.AddHeader("WWW-Authenticate", "Basic realm=\"feed\"");
            }

            Log.Enqueue($"{path} {status}");
            response.StatusCode = status;
            // A length, not chunks, and one request a connection: a chunked empty 401 body's "0" line
            // once reached the client as the status line of its next request on the same connection
            // ("Received an invalid status line: '0'", a clean-clone CI run of 2026-12-06).
            response.ContentLength64 = body.Length;
            response.KeepAlive = false;
            await response.OutputStream.WriteAsync(body);
        }
    }

    private (int Status, byte[] Body) Answer(string path)
    {
        var parts = path.Trim('/').Split('/')[1..];
        return parts switch
        {
            ["v3", "index.json"] => (200, Json(new Dictionary<string, object>
            {
                ["version"] = "3.0.0",
                ["resources"] = new[] { new Dictionary<string, string> { ["@id"] = _prefix + "v3/flat/", ["@type"] = "PackageBaseAddress/3.0.0" } },
            })),
            ["v3", "flat", var id, "index.json"] => Versions(id) is { Length: > 0 } versions
                ? (200, Json(new Dictionary<string, string[]> { ["versions"] = versions }))
                : (404, []),
            ["v3", "flat", var id, var version, _] when File.Exists(Nupkg(id, version)) => (200, File.ReadAllBytes(Nupkg(id, version))),
            _ => (404, []),
        };
    }

    private string[] Versions(string id) =>
        [.. Directory.EnumerateFiles(_folder, "*.nupkg")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(name => name.StartsWith(id + ".", StringComparison.OrdinalIgnoreCase))
            .Select(name => name[(id.Length + 1)..].ToLowerInvariant())];

    private string Nupkg(string id, string version) =>
        Directory.EnumerateFiles(_folder, "*.nupkg")
            .FirstOrDefault(f => Path.GetFileName(f).Equals($"{id}.{version}.nupkg", StringComparison.OrdinalIgnoreCase)) ?? "";

    private static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value);
}
