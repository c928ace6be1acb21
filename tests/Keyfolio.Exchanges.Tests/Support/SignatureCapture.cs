using System.Collections.Concurrent;
using System.Text;

namespace Keyfolio.Exchanges.Tests.Support;

/// <summary>Sits in the connectors' HTTP pipeline and keeps every signature and credential header that went on the wire,
/// and the method and path of every request.</summary>
internal sealed class SignatureCapture : DelegatingHandler
{
    private static readonly string[] SignatureHeaders = ["OK-ACCESS-SIGN", "bfx-signature", "SIGN", "Api-Signature", "Authorization"];

    public ConcurrentQueue<string> Signatures { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue($"{request.Method} {request.RequestUri?.AbsolutePath}");
        foreach (var name in SignatureHeaders)
        {
            if (request.Headers.TryGetValues(name, out var values))
            {
                foreach (var value in values)
                {
                    Signatures.Enqueue(value);
                    if (value.StartsWith("HS256 ", StringComparison.Ordinal))
                    {
                        var token = Encoding.UTF8.GetString(Convert.FromBase64String(value["HS256 ".Length..]));
                        Signatures.Enqueue(token.Split(':')[1]);
                    }
                }
            }
        }

        foreach (var pair in (request.RequestUri?.Query ?? string.Empty).TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("signature=", StringComparison.Ordinal) || pair.StartsWith("Signature=", StringComparison.Ordinal))
            {
                var value = pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..];
                Signatures.Enqueue(value);
                Signatures.Enqueue(Uri.UnescapeDataString(value));
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
