using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Keyfolio.Core.Tests.Support;

/// <summary>
/// A real SMTP server on a free loopback port (the SmtpServer package): STARTTLS with a certificate made for the test,
/// authentication required, every message kept as its raw bytes with whether the session was encrypted and who signed in.
/// </summary>
internal sealed class SmtpRelay : IAsyncDisposable
{
    public const string User = "keyfolio-alerts";
    public const string Password = "smtp-canary-pass-5d1e";

    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop;

    private SmtpRelay(SmtpServer.SmtpServer server, CancellationTokenSource stop, int port, X509Certificate2 certificate)
    {
        _server = server;
        _stop = stop;
        Port = port;
        Certificate = certificate;
    }

    public int Port { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>The SHA-256 fingerprint of the relay's certificate, as <c>EmailOptions.CertificateSha256</c> takes it.</summary>
    public string CertificateSha256 => Convert.ToHexStringLower(SHA256.HashData(Certificate.RawData));

    public ConcurrentQueue<Received> Messages { get; } = new();

    public sealed record Received(byte[] Raw, bool Secure, string? User, IReadOnlyList<string> Recipients);

    public static async Task<SmtpRelay> StartAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);

        // A free port is found by asking for one and letting it go, so another process can take it in between: the
        // relay then fails to listen, and a new port is tried.
        for (var attempt = 1; ; attempt++)
        {
            var relay = await TryStartAsync(FreePort(), certificate);
            if (relay is not null || attempt == 5)
            {
                return relay ?? throw new InvalidOperationException("The test SMTP relay could not listen on a free loopback port.");
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static async Task<SmtpRelay?> TryStartAsync(int port, X509Certificate2 certificate)
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).Certificate(certificate).AuthenticationRequired(true).AllowUnsecureAuthentication(false))
            .Build();
        var listeners = new EndpointListenerFactory();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, _) => started.TrySetResult();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        var relay = default(SmtpRelay);
        services.Add(new Store(() => relay!));
        services.Add(new Authenticator());
        var server = new SmtpServer.SmtpServer(options, services);
        var stop = new CancellationTokenSource();
        relay = new SmtpRelay(server, stop, port, certificate);
        var running = server.StartAsync(stop.Token);
        if (await Task.WhenAny(started.Task, running).WaitAsync(TimeSpan.FromMinutes(2)) == started.Task)
        {
            return relay;
        }

        // It stopped before it listened: the port was taken.
        stop.Dispose();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        await Task.WhenAny(_server.ShutdownTask, Task.Delay(TimeSpan.FromSeconds(10)));
        _stop.Dispose();
        Certificate.Dispose();
    }

    private sealed class Store(Func<SmtpRelay> relay) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var user = context.Properties.TryGetValue("User", out var name) ? name as string : null;
            relay().Messages.Enqueue(new Received(buffer.ToArray(), context.Pipe.IsSecure, user, [.. transaction.To.Select(m => m.User + "@" + m.Host)]));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Authenticator : UserAuthenticator
    {
        public override Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
        {
            var ok = user == User && password == Password;
            if (ok)
            {
                context.Properties["User"] = user;
            }

            return Task.FromResult(ok);
        }
    }
}
