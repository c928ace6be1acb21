using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Keyfolio.Simulator.Http;

/// <summary>An answer ready to send: status, body bytes and any extra headers.</summary>
internal sealed class SimResponse(int status, ReadOnlyMemory<byte> body, string contentType = SimResponse.Json)
{
    public const string Json = "application/json";
    public const string JsonUtf8 = "application/json; charset=utf-8";
    public const string Html = "text/html; charset=utf-8";

    private List<KeyValuePair<string, string>>? _headers;

    public int Status { get; } = status;

    public ReadOnlyMemory<byte> Body { get; } = body;

    public string ContentType { get; } = contentType;

    /// <summary>True for answers that carry the exchange's JSON (the malformed-JSON fault cuts only these).</summary>
    public bool IsJson => ContentType.StartsWith(Json, StringComparison.Ordinal);

    public IReadOnlyList<KeyValuePair<string, string>> Headers => (IReadOnlyList<KeyValuePair<string, string>>?)_headers ?? [];

    public SimResponse WithHeader(string name, string value)
    {
        (_headers ??= []).Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    public static SimResponse Write(int status, Action<Utf8JsonWriter> write, string contentType = Json)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return new SimResponse(status, buffer.WrittenMemory, contentType);
    }

    public static SimResponse Raw(int status, string body, string contentType = Json) =>
        new(status, Encoding.UTF8.GetBytes(body), contentType);

    public static SimResponse Redirect(string location) =>
        new SimResponse(302, ReadOnlyMemory<byte>.Empty, "text/plain").WithHeader("Location", location);
}
