using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Keyfolio.Simulator.Http;

/// <summary>A request as it arrived: the raw target and body bytes that signatures are checked against.</summary>
internal sealed class SimRequest
{
    private Dictionary<string, string>? _query;

    private SimRequest(HttpContext context, string method, string path, string rawQuery, byte[] body, string clientIp)
    {
        Context = context;
        Method = method;
        Path = path;
        RawQuery = rawQuery;
        Body = body;
        ClientIp = clientIp;
    }

    public HttpContext Context { get; }

    public string Method { get; }

    /// <summary>The path exactly as sent, still percent-encoded.</summary>
    public string Path { get; }

    /// <summary>The query exactly as sent, without the leading <c>?</c>; empty when there is none.</summary>
    public string RawQuery { get; }

    public byte[] Body { get; }

    /// <summary>The client's address as the server sees it (<c>127.0.0.1</c> on loopback).</summary>
    public string ClientIp { get; }

    public string PathAndQuery => RawQuery.Length == 0 ? Path : Path + "?" + RawQuery;

    /// <summary>The query's parameters, percent-decoded; the last one wins when a name repeats.</summary>
    public IReadOnlyDictionary<string, string> Query => _query ??= FormEncoding.Parse(RawQuery);

    public string? Header(string name)
    {
        var values = Context.Request.Headers[name];
        return values.Count == 0 ? null : values[0];
    }

    public static async Task<SimRequest> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            target = context.Request.Path.Value + context.Request.QueryString.Value;
        }

        var mark = target.IndexOf('?', StringComparison.Ordinal);
        var path = mark < 0 ? target : target[..mark];
        var query = mark < 0 ? "" : target[(mark + 1)..];

        byte[] body = [];
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            body = buffer.ToArray();
        }

        return new SimRequest(context, context.Request.Method, path, query, body, ClientAddress(context.Connection.RemoteIpAddress));
    }

    private static string ClientAddress(IPAddress? address) => address switch
    {
        null => "127.0.0.1",
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
        _ => address.ToString(),
    };
}
