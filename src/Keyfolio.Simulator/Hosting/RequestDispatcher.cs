using System.Globalization;
using System.Security.Cryptography;
using Keyfolio.Simulator.Exchanges;
using Keyfolio.Simulator.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Keyfolio.Simulator.Hosting;

/// <summary>
/// Hands each request to the exchange site that owns the port it arrived on, applying the faults in force
/// around the site's own answer, and writes the answer with the exchange clock's <c>Date</c>.
/// </summary>
internal sealed class RequestDispatcher(SimulatorRuntime runtime, IReadOnlyDictionary<int, ExchangeSite> sitesByPort, CancellationToken stopping)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!sitesByPort.TryGetValue(context.Connection.LocalPort, out var site))
        {
            context.Response.StatusCode = 404;
            return;
        }

        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancellationToken = aborted.Token;
        var request = await SimRequest.ReadAsync(context, cancellationToken).ConfigureAwait(false);
        var response = await AnswerAsync(site, request, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return;
        }

        site.State.Counters.Count(response.Status);
        await WriteAsync(context, site, response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SimResponse?> AnswerAsync(ExchangeSite site, SimRequest request, CancellationToken cancellationToken)
    {
        if (site.State.RestrictedLocation)
        {
            return site.RestrictedLocation();
        }

        var fault = runtime.Faults.Match(site.Exchange, site.PeekApiKey(request), request.Path);
        if (fault is null)
        {
            return site.Handle(request);
        }

        var delay = fault.LatencyMs + (fault.JitterMs > 0 ? RandomNumberGenerator.GetInt32(fault.JitterMs + 1) : 0);
        if (delay > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(delay), runtime.Time, cancellationToken).ConfigureAwait(false);
        }

        if (fault.Hang)
        {
            // Held open until the client gives up or the simulator stops: a timeout as the client sees it.
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                request.Context.Abort();
            }

            return null;
        }

        if (fault.Maintenance)
        {
            return site.Maintenance();
        }

        if (fault.ForcedStatus == 429)
        {
            return site.TooManyRequests(fault.RetryAfterSeconds);
        }

        if (fault.ForcedStatus == 418)
        {
            return site.Banned(fault.RetryAfterSeconds);
        }

        if (fault.ErrorRate > 0 && RandomNumberGenerator.GetInt32(1_000_000) < fault.ErrorRate * 1_000_000)
        {
            return site.InternalError();
        }

        var answer = site.Handle(request);
        if (fault.MalformedJson && answer.IsJson && answer.Status == 200 && answer.Body.Length > 1)
        {
            var cut = new SimResponse(answer.Status, answer.Body[..(answer.Body.Length / 2)], answer.ContentType);
            foreach (var (name, value) in answer.Headers)
            {
                cut.WithHeader(name, value);
            }

            return cut;
        }

        return answer;
    }

    private static async Task WriteAsync(HttpContext context, ExchangeSite site, SimResponse response, CancellationToken cancellationToken)
    {
        var http = context.Response;
        http.StatusCode = response.Status;
        http.ContentType = response.ContentType;
        http.ContentLength = response.Body.Length;
        http.Headers[HeaderNames.Date] = site.State.Clock.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        foreach (var (name, value) in response.Headers)
        {
            http.Headers.Append(name, value);
        }

        if (response.Body.Length > 0)
        {
            await http.Body.WriteAsync(response.Body, cancellationToken).ConfigureAwait(false);
        }
    }
}
