using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Keyfolio.Cli.Tests.Support;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary>
/// <c>keyfolio serve</c> as its own process with <c>KEYFOLIO_METRICS__PROMETHEUS=true</c>, over a simulator process: after
/// real syncs, <c>/metrics</c> (scraped over HTTP) counts what the simulated exchange saw, the 429 it was told to send,
/// the refused unlock, and names no key, secret or label.
/// </summary>
public sealed partial class MetricsTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private const string Healthy = "Binance main";
    private const string Limited = "Binance Ed25519 key";

    [Fact]
    public async Task After_a_sync_and_a_429_the_scrape_counts_what_the_exchange_saw_and_names_no_secret()
    {
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        foreach (var label in new[] { Healthy, Limited })
        {
            var connected = await world.ConnectAsync(label);
            Assert.True(connected.ExitCode == 0, connected.ToString());
        }

        var simulator = world.Simulator;
        await using var serve = await ServeProcess.StartAsync(world.Home, new Dictionary<string, string?> { ["KEYFOLIO_METRICS__PROMETHEUS"] = "true" });
        using var client = serve.Client();

        var wrong = await client.PostAsync("/api/vault/unlock", new { password = "not-the-password-at-all" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var unlocked = await client.PostAsync("/api/vault/unlock", new { password = CliWorld.Password });
        Assert.True(unlocked.IsSuccessStatusCode, unlocked.StatusCode + ": " + unlocked.Body);
        var ids = JsonDocument.Parse((await client.GetAsync("/api/connections")).Body).RootElement.EnumerateArray()
            .ToDictionary(c => c.GetProperty("label").GetString()!, c => c.GetProperty("id").GetString()!);

        await simulator.ResetCountersAsync("binance");
        var refreshed = await client.PostAsync($"/api/connections/{ids[Healthy]}/refresh", new { });
        Assert.True(refreshed.IsSuccessStatusCode, refreshed.Body);
        await simulator.ForceStatusAsync("binance", 429);
        try
        {
            var limited = await client.PostAsync($"/api/connections/{ids[Limited]}/refresh", new { });
            Assert.True(limited.IsSuccessStatusCode, limited.Body);
        }
        finally
        {
            await simulator.ClearFaultsAsync("binance");
        }

        var (requests, tooMany) = await simulator.CountersAsync("binance");
        var scrape = await client.GetAsync("/metrics");
        var series = Series(scrape.Body);

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.True(tooMany >= 1, "The simulator sent no 429.");
        Assert.Equal(requests, Sum(series, "keyfolio_exchange_calls_total", ("exchange", "binance")));
        Assert.Equal(tooMany, Sum(series, "keyfolio_exchange_calls_total", ("exchange", "binance"), ("status", "429"), ("outcome", "refused"), ("category", "RateLimited")));
        Assert.Equal(tooMany, Sum(series, "keyfolio_exchange_rate_limited_total", ("exchange", "binance"), ("status", "429")));
        Assert.Equal(requests, Sum(series, "keyfolio_exchange_call_duration_seconds_count", ("exchange", "binance")));
        Assert.Equal(1, Sum(series, "keyfolio_sync_duration_seconds_count", ("exchange", "binance"), ("result", "refreshed")));
        Assert.Equal(1, Sum(series, "keyfolio_sync_duration_seconds_count", ("exchange", "binance"), ("result", "failed")));
        Assert.Equal(1, Sum(series, "keyfolio_connections", ("exchange", "binance"), ("status", "Connected")));
        Assert.Equal(1, Sum(series, "keyfolio_connections", ("exchange", "binance"), ("status", "RateLimited")));
        Assert.Contains(series, s => s.Name == "keyfolio_sync_lag_seconds" && s.Labels.GetValueOrDefault("exchange") == "binance");
        Assert.Equal(1, Sum(series, "keyfolio_vault_unlock_failures_total", ("reason", "wrong_password")));
        Assert.All(series.Where(s => s.Labels.ContainsKey("endpoint")), s => Assert.StartsWith("/", s.Labels["endpoint"], StringComparison.Ordinal));
        foreach (var account in new[] { world.Account(Healthy), world.Account(Limited) })
        {
            Assert.DoesNotContain(account.ApiKey, scrape.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(account.Secret, scrape.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(account.Label!, scrape.Body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(CliWorld.Password, scrape.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("signature", scrape.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Without_the_setting_there_is_no_metrics_endpoint()
    {
        using var world = new CliWorld(fixture.Simulator);
        await using var serve = await ServeProcess.StartAsync(world.Home, new Dictionary<string, string?> { ["KEYFOLIO_METRICS__PROMETHEUS"] = null });
        using var client = serve.Client();

        var scrape = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, scrape.StatusCode);
        Assert.DoesNotContain("keyfolio_", scrape.Body, StringComparison.Ordinal);
    }

    private static double Sum(IReadOnlyList<Sample> series, string name, params (string Label, string Value)[] labels) =>
        series.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Label) == l.Value)).Sum(s => s.Value);

    /// <summary>The samples of a Prometheus text exposition.</summary>
    private static List<Sample> Series(string exposition)
    {
        var samples = new List<Sample>();
        foreach (var line in exposition.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, "Not a sample line: " + line);
            var labels = LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
            samples.Add(new Sample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }

        return samples;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>.*)\})? (?<value>\S+)(?: \d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();

    private sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
}

/// <summary><c>keyfolio serve</c> as a child process on a free loopback port, with a cookie-keeping API client.</summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<ServeProcess> StartAsync(string home, IReadOnlyDictionary<string, string?> environment, params string[] moreArguments)
    {
        var process = Process.Start(KeyfolioProcess.StartInfo(home, ["serve", "--urls", "http://127.0.0.1:0", .. moreArguments], environment))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (RunningAt().Match(line) is { Success: true } running)
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new ServeProcess(process, new Uri(running.Groups[1].Value));
            }
        }

        throw new InvalidOperationException("keyfolio serve exited before it was running: " + await process.StandardError.ReadToEndAsync());
    }

    public int ProcessId => _process.Id;

    public ApiClient Client() => new(Url);

    /// <summary>Ends the server at once (SIGKILL on Unix): nothing of its own shutdown runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"Keyfolio is running at (\S+)")]
    private static partial Regex RunningAt();
}

/// <summary>
/// Talks to the API as a script would: keeps the cookies itself (the session cookie is Secure, which .NET's cookie store
/// would not send over plain http to loopback, as browsers do) and sends the antiforgery token on every post.
/// </summary>
internal sealed class ApiClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false }) { BaseAddress = baseAddress };
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private (string Header, string Token)? _antiforgery;

    public async Task<Answer> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    public async Task<Answer> PostAsync(string path, object body)
    {
        if (_antiforgery is null)
        {
            var issued = JsonDocument.Parse((await GetAsync("/api/antiforgery")).Body).RootElement;
            _antiforgery = (issued.GetProperty("headerName").GetString()!, issued.GetProperty("token").GetString()!);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(_antiforgery.Value.Header, _antiforgery.Value.Token);
        var answer = await SendAsync(request);
        if (path == "/api/vault/unlock" && answer.IsSuccessStatusCode)
        {
            // A session begins: its antiforgery token is a new one.
            _antiforgery = null;
        }

        return answer;
    }

    private async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
        }

        using var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var cookie in cookies)
            {
                var pair = cookie.Split(';', 2)[0].Split('=', 2);
                _cookies[pair[0]] = pair[1];
            }
        }

        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();
}

internal sealed record Answer(HttpStatusCode StatusCode, string Body)
{
    public bool IsSuccessStatusCode => (int)StatusCode is >= 200 and < 300;
}
