using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Keyfolio.Cli.Configuration;
using Keyfolio.Simulator;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary>
/// <c>keyfolio serve --demo</c> as its own process with the webhook set only through the environment
/// (<c>KEYFOLIO_ALERTS__WEBHOOK__URL</c>, <c>KEYFOLIO_ALERTS__WEBHOOK__SECRET</c>): before anyone unlocks, the demo's
/// problem keys are posted to a real HTTP receiver, each body signed with the secret, none carrying a key or secret.
/// </summary>
public sealed class DemoAlertsTests
{
    private const string Secret = "demo-webhook-signing-secret-7f3a";

    [Fact]
    public async Task The_demos_problem_keys_are_posted_signed_to_the_webhook_before_anyone_unlocks()
    {
        using var receiver = WebhookReceiver.Start();
        var home = Directory.CreateTempSubdirectory("keyfolio-demo-alerts-").FullName;
        await using var serve = await ServeProcess.StartAsync(
            home,
            new Dictionary<string, string?>
            {
                ["KEYFOLIO_ALERTS__WEBHOOK__URL"] = receiver.Url.ToString(),
                [KeyfolioConfiguration.WebhookSecretVariable] = Secret,
            },
            "--demo");

        string[] wanted = ["key.withdraw_right", "key.expiring", "key.failing"];
        var seen = new List<Posted>();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (!wanted.All(type => seen.Any(p => p.Type == type)))
        {
            seen.Add(await receiver.Posts.ReadAsync(bound.Token));
        }

        Assert.All(seen, posted =>
        {
            Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), posted.Body)), posted.Signature);
            Assert.True(long.TryParse(posted.Timestamp, out _), "The timestamp header is not a number: " + posted.Timestamp);
            var text = Encoding.UTF8.GetString(posted.Body);
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            foreach (var account in SimulatorConfig.Demo().Accounts)
            {
                Assert.DoesNotContain(account.ApiKey, text, StringComparison.Ordinal);
                Assert.DoesNotContain(account.Secret, text, StringComparison.Ordinal);
            }
        });
        var withdraw = seen.First(p => p.Type == "key.withdraw_right");
        using var json = JsonDocument.Parse(withdraw.Body);
        Assert.Equal("critical", json.RootElement.GetProperty("severity").GetString());
        Assert.Contains("withdraw", json.RootElement.GetProperty("connection").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("fix").GetString()));
    }

    private sealed record Posted(string Type, byte[] Body, string? Signature, string? Timestamp);

    /// <summary>A real HTTP endpoint on a free loopback port that answers 204 to every post and keeps what it got.</summary>
    private sealed class WebhookReceiver : IDisposable
    {
        private readonly HttpListener _listener;
        private readonly Channel<Posted> _posts = Channel.CreateUnbounded<Posted>();

        private WebhookReceiver(HttpListener listener, Uri url)
        {
            _listener = listener;
            Url = url;
            _ = Task.Run(ReceiveAsync);
        }

        public Uri Url { get; }

        public ChannelReader<Posted> Posts => _posts.Reader;

        public static WebhookReceiver Start()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            return new WebhookReceiver(listener, new Uri($"http://127.0.0.1:{port}/keyfolio-hook"));
        }

        public void Dispose()
        {
            _listener.Close();
            _posts.Writer.TryComplete();
        }

        private async Task ReceiveAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                var bytes = body.ToArray();
                var type = JsonDocument.Parse(bytes).RootElement.GetProperty("type").GetString() ?? string.Empty;
                _posts.Writer.TryWrite(new Posted(type, bytes, context.Request.Headers["X-Keyfolio-Signature"], context.Request.Headers["X-Keyfolio-Timestamp"]));
                context.Response.StatusCode = 204;
                context.Response.Close();
            }
        }
    }
}
