using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Keyfolio.Core.Tests.Support;

/// <summary>One request the receiver got: its headers and body as they came over the wire.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, string? ContentType);

/// <summary>
/// A real HTTP server on a loopback port (HttpListener), standing in for a webhook receiver: it records every request
/// and answers with the status <see cref="Answer"/> gives, optionally holding the answer until released.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private WebhookReceiver(int port)
    {
        Url = new Uri($"http://127.0.0.1:{port}/hooks/keyfolio");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    /// <summary>The status to answer the n-th request (0-based) with; 204 by default.</summary>
    public Func<int, int> Answer { get; set; } = _ => 204;

    /// <summary>When set, answers wait for it.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static WebhookReceiver Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new WebhookReceiver(port);
    }

    /// <summary>Waits until <paramref name="count"/> requests arrived in all.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (_received.Count < count)
        {
            await _arrived.WaitAsync(cancel.Token);
        }
    }

    private async Task LoopAsync()
    {
        var index = 0;
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            _received.Enqueue(new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body.ToArray(), context.Request.ContentType));
            _arrived.Release();
            if (Hold is { } hold)
            {
                await hold.Task;
            }

            context.Response.StatusCode = Answer(index++);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Hold?.TrySetResult();
        _listener.Stop();
        _listener.Close();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
