using System.Text;

namespace Keyfolio.Web.Tests.Harness;

/// <summary>
/// Reads every answer's headers and body (except an event stream, which never ends) and fails the request when a
/// canary secret appears in them. The body stays readable for the test.
/// </summary>
public sealed class CanaryScanner(CanarySet canaries) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var headers = string.Join('\n', response.Headers.Concat(response.Content.Headers).Select(h => h.Key + ": " + string.Join(", ", h.Value)));
        Check(request, "a header", headers);
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            Check(request, "the body", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(cancellationToken)));
        }

        return response;
    }

    private void Check(HttpRequestMessage request, string where, string text)
    {
        if (canaries.FoundIn(text) is { } secret)
        {
            Assert.Fail($"{request.Method} {request.RequestUri} returned a secret in {where} (one ending …{secret[^Math.Min(4, secret.Length)..]}).");
        }
    }
}
