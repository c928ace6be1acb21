using System.Globalization;
using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Keyfolio.Core;
using Keyfolio.Exchanges;
using Microsoft.Extensions.DependencyInjection;

namespace Keyfolio.Cli.Tests.Commands;

public sealed partial class ServeCommandTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080;http://0.0.0.0:5080")]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://192.168.1.20:5080")]
    public async Task Serve_refuses_a_non_loopback_address_without_allow_remote(string url)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await KeyfolioCommandLine.Build().Parse(["serve", "--urls", url]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(2, exitCode);
        Assert.Contains("--allow-remote", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task Serve_hosts_the_web_app_on_loopback_until_cancelled()
    {
        using var serve = await RunningServe.StartAsync();
        var url = RunningAt().Match(serve.Printed).Groups[1].Value;
        using var http = new HttpClient();
        using var page = await http.GetAsync(new Uri(new Uri(url), "/"));
        using var css = await http.GetAsync(new Uri(new Uri(url), "/css/app.css"));
        var exitCode = await serve.StopAsync();

        Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Keyfolio", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal(0, exitCode);
        Assert.Empty(serve.Errors);
    }

    [Fact]
    public async Task Serve_demo_runs_the_simulator_prints_the_password_on_its_own_line_and_cleans_up()
    {
        using var serve = await RunningServe.StartAsync("--demo");
        var printed = serve.Printed;
        var directory = DemoDirectory().Match(printed).Groups[1].Value.Trim();
        var existedWhileRunning = Directory.Exists(directory);
        var okx = new Uri(SimulatedOkx().Match(printed).Groups[1].Value);
        using var http = new HttpClient();
        using var okxTime = await http.GetAsync(new Uri(okx, "/api/v5/public/time"));
        var exitCode = await serve.StopAsync();

        Assert.Equal(0, exitCode);
        Assert.Matches(DemoPasswordLine(), printed);
        Assert.True(existedWhileRunning, "The demo data directory " + directory + " did not exist while serving.");
        Assert.False(Directory.Exists(directory), "The demo data directory " + directory + " was left behind.");
        Assert.Equal(HttpStatusCode.OK, okxTime.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(okx, "/api/v5/public/time")));
    }

    [Fact]
    public async Task Serve_demo_seeds_every_sample_account_with_its_status_under_the_printed_password()
    {
        using var serve = await RunningServe.StartAsync("--demo");
        var printed = serve.Printed;
        var directory = DemoDirectory().Match(printed).Groups[1].Value.Trim();
        var password = DemoPassword().Match(printed).Groups[1].Value;
        IReadOnlyList<Keyfolio.Core.Connections.ConnectionView> views;
        bool unlocks;
        await using (var core = new ServiceCollection()
            .AddKeyfolioCore(new KeyfolioCoreOptions { DataDirectory = directory })
            .BuildServiceProvider())
        {
            await core.GetRequiredService<KeyfolioStartup>().StartAsync(CancellationToken.None);
            views = await core.GetRequiredService<Keyfolio.Core.Connections.ConnectionService>().ListAsync(false, CancellationToken.None);
            unlocks = (await core.GetRequiredService<Keyfolio.Core.Access.VaultAccess>().UnlockAsync(password, CancellationToken.None)).IsSuccess;
        }

        Assert.Equal(0, await serve.StopAsync());
        var status = views.ToDictionary(v => v.Connection.Label, v => v.Status.Code);
        Assert.True(unlocks);
        Assert.Equal(Keyfolio.Simulator.SimulatorConfig.Demo().Accounts.Count, views.Count);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.WrongPassphrase, status["wrong-passphrase"]);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.WithdrawalEnabled, status["Binance withdraw-enabled"]);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.Connected, status["Binance Ed25519 key"]);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.IpNotAllowed, status["OKX IP-locked"]);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.KeyExpired, status["HTX expired"]);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.RateLimited, status["Gate rate-limited"]);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.Connected, status["Bittrex main"]);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.Connected, status["Kraken main"]);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.WithdrawalEnabled, status["Kraken withdraw-enabled"]);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.IpNotAllowed, status["Kraken IP-locked"]);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.Connected, status["Bybit main"]);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.WithdrawalEnabled, status["Bybit withdraw-enabled"]);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.ExpiresSoon, status["Bybit expiring in 3 days"]);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.Connected, status["KuCoin main"]);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.WithdrawalEnabled, status["KuCoin withdraw-enabled"]);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.IpNotAllowed, status["KuCoin IP-locked"]);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.Connected, status["Coinbase main"]);
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.WithdrawalEnabled, status["Coinbase withdraw-enabled"]);

        // Coinbase's bare 401 cannot tell a refused address from an unknown key: the status names the key, the diagnosis both.
        Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.InvalidKey, status["Coinbase IP-locked"]);
    }

    [Fact]
    public async Task Serve_demo_leaves_keys_to_try_in_its_folder_that_the_simulated_exchanges_accept_and_never_prints_them()
    {
        using var serve = await RunningServe.StartAsync("--demo");
        var printed = serve.Printed;
        var directory = DemoDirectory().Match(printed).Groups[1].Value.Trim();
        var folder = KeysToTry().Match(printed).Groups[1].Value.Trim();
        var text = await File.ReadAllTextAsync(Path.Combine(folder, "keys.txt"));
        var images = Directory.GetFiles(folder, "*.png").Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal).ToArray();
        var tried = new Dictionary<string, Keyfolio.Core.Status.ConnectionStatusCode>(StringComparer.Ordinal);
        var secrets = new List<string>();
        await using (var core = new ServiceCollection()
            .AddKeyfolioCore(new KeyfolioCoreOptions { DataDirectory = directory })
            .BuildServiceProvider())
        {
            await core.GetRequiredService<KeyfolioStartup>().StartAsync(CancellationToken.None);
            Assert.True((await core.GetRequiredService<Keyfolio.Core.Access.VaultAccess>().UnlockAsync(DemoPassword().Match(printed).Groups[1].Value, CancellationToken.None)).IsSuccess);
            foreach (Match block in KeyBlock().Matches(text))
            {
                Assert.True(ExchangeIds.TryParse(block.Groups["name"].Value, out var parsed), block.Groups["name"].Value);
                var exchange = parsed.Value;
                var site = new Uri(Regex.Match(printed, "[:,] " + exchange.ToName() + @" (http://127\.0\.0\.1:\d+)").Groups[1].Value);
                var passphrase = block.Groups["passphrase"].Success ? block.Groups["passphrase"].Value : null;
                secrets.Add(block.Groups["secret"].Value);
                using var credentials = new Keyfolio.Core.Connections.KeyCredentials(block.Groups["key"].Value, block.Groups["secret"].Value, passphrase);
                var result = await core.GetRequiredService<Keyfolio.Core.Connections.Commands.AddConnectionCommand>().AddAsync(
                    new Keyfolio.Core.Connections.AddConnectionRequest(exchange, exchange.ToName() + " tried", credentials) { CustomBaseUrl = site },
                    CancellationToken.None);
                Assert.True(result.IsSuccess, result.IsSuccess ? null : exchange + ": " + result.Error.Message.For(CultureInfo.GetCultureInfo("en")));
                Assert.True(result.Value.TotalUsd > 0m, exchange + " shows no value.");
                tried[exchange.ToName()] = result.Value.Status.Code;
            }
        }

        Assert.Equal(0, await serve.StopAsync());
        Assert.StartsWith(directory, folder, StringComparison.Ordinal);
        Assert.Equal(["binance.png", "bitfinex.png", "bybit.png", "gate.png", "hitbtc.png", "htx.png", "kraken.png", "okx.png"], images);
        Assert.Equal(["binance", "bitfinex", "bybit", "coinbase", "gate", "hitbtc", "htx", "kraken", "kucoin", "okx"], tried.Keys.Order(StringComparer.Ordinal));
        Assert.All(tried.Values, code => Assert.Equal(Keyfolio.Core.Status.ConnectionStatusCode.Connected, code));
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, printed, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_explains_a_port_that_is_already_in_use()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await KeyfolioCommandLine.Build().Parse(["serve", "--urls", "http://127.0.0.1:" + port]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(1, exitCode);
        Assert.Contains("already in use", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--urls", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_is_said_in_one_line_with_no_stack_trace_on_the_console()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var home = Directory.CreateTempSubdirectory("keyfolio-serve-busy-").FullName;
        try
        {
            var run = await Support.KeyfolioProcess.RunAsync(home, null, null, "serve", "--urls", "http://127.0.0.1:" + port);

            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("already in use", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Output + run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", run.Output + run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(home, recursive: true);
        }
    }

    [GeneratedRegex(@"Keyfolio is running at (\S+)")]
    private static partial Regex RunningAt();

    [GeneratedRegex(@"Demo data directory \(deleted when you stop\): (.+)")]
    private static partial Regex DemoDirectory();

    [GeneratedRegex(@"Keys to try adding, typed or as QR images: (.+)")]
    private static partial Regex KeysToTry();

    [GeneratedRegex(@"(?m)^(?<name>\w+)\r?\n  API key: +(?<key>\S+)\r?\n  Secret: +(?<secret>[^\r\n]*\S)\r?\n(?:  Passphrase: +(?<passphrase>\S+).*\r?\n)?")]
    private static partial Regex KeyBlock();

    [GeneratedRegex(@"[:,] okx (http://127\.0\.0\.1:\d+)")]
    private static partial Regex SimulatedOkx();

    [GeneratedRegex(@"(?m)^Demo master password: \S+\r?$")]
    private static partial Regex DemoPasswordLine();

    [GeneratedRegex(@"(?m)^Demo master password: (\S+)\r?$")]
    private static partial Regex DemoPassword();

    /// <summary><c>keyfolio serve</c> on a free loopback port, in this process, once it says it is ready.</summary>
    private sealed class RunningServe : IDisposable
    {
        private readonly SignallingWriter _output = new("Press Ctrl+C to stop.");
        private readonly StringWriter _error = new();
        private readonly CancellationTokenSource _stop = new();
        private Task<int> _serving = Task.FromResult(0);

        public string Printed => _output.ToString();

        public string Errors => _error.ToString();

        public static async Task<RunningServe> StartAsync(params string[] options)
        {
            var serve = new RunningServe();
            serve._serving = KeyfolioCommandLine.Build().Parse(["serve", .. options, "--urls", "http://127.0.0.1:0"])
                .InvokeAsync(new InvocationConfiguration { Output = serve._output, Error = serve._error }, serve._stop.Token);
            await serve._output.Signalled.WaitAsync(TimeSpan.FromMinutes(1));
            return serve;
        }

        /// <summary>Stops it as Ctrl+C does; its exit code.</summary>
        public async Task<int> StopAsync()
        {
            await _stop.CancelAsync();
            return await _serving;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
            _output.Dispose();
            _error.Dispose();
        }
    }

    /// <summary>Collects what the command prints and completes <see cref="Signalled"/> once a given text appears.</summary>
    private sealed class SignallingWriter(string awaited) : StringWriter
    {
        private readonly TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Signalled => _signal.Task;

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Check();
        }

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            Check();
        }

        public override Task WriteLineAsync(string? value)
        {
            base.WriteLine(value);
            Check();
            return Task.CompletedTask;
        }

        private void Check()
        {
            if (ToString().Contains(awaited, StringComparison.Ordinal))
            {
                _signal.TrySetResult();
            }
        }
    }
}
