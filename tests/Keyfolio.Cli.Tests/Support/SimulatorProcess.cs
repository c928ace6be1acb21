using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Keyfolio.Cli.Tests.Support;

/// <summary>
/// The exchange simulator as a separate process (<c>keyfolio simulator</c> with the demo sample), ready once it has
/// printed its admin URL; its admin endpoint sets faults and reads counters.
/// </summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _admin;

    private SimulatorProcess(Process process, IReadOnlyDictionary<string, Uri> urls)
    {
        _process = process;
        Urls = urls;
        _admin = new HttpClient { BaseAddress = urls["admin"] };
    }

    public IReadOnlyDictionary<string, Uri> Urls { get; }

    public static async Task<SimulatorProcess> StartAsync(string directory)
    {
        var process = Process.Start(KeyfolioProcess.StartInfo(directory, ["simulator"]))!;
        var urls = new Dictionary<string, Uri>(StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var parts = line.Split(' ', 2);
            urls[parts[0]] = new Uri(parts[1]);
            if (parts[0] == "admin")
            {
                return new SimulatorProcess(process, urls);
            }
        }

        throw new InvalidOperationException("The simulator exited before printing its admin URL: " + await process.StandardError.ReadToEndAsync());
    }

    public async Task SetLatencyAsync(string exchange, int milliseconds)
    {
        using var response = await _admin.PutAsJsonAsync("/faults", new { exchange, latencyMs = milliseconds });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Answers every request to <paramref name="exchange"/> with <paramref name="status"/> (429 or 418) in the exchange's own form.</summary>
    public async Task ForceStatusAsync(string exchange, int status)
    {
        using var response = await _admin.PutAsJsonAsync("/faults", new { exchange, forcedStatus = status, retryAfterSeconds = 1 });
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync(string exchange)
    {
        using var response = await _admin.DeleteAsync($"/faults/{exchange}");
        response.EnsureSuccessStatusCode();
    }

    public async Task ResetCountersAsync(string exchange)
    {
        using var response = await _admin.DeleteAsync($"/exchanges/{exchange}/counters");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The requests the exchange received and how many it answered with 429.</summary>
    public async Task<(long Requests, long TooManyRequests)> CountersAsync(string exchange)
    {
        using var document = JsonDocument.Parse(await _admin.GetStringAsync($"/exchanges/{exchange}/counters"));
        return (document.RootElement.GetProperty("requests").GetInt64(), document.RootElement.GetProperty("tooManyRequests").GetInt64());
    }

    public async Task<long> RequestsAsync(string exchange)
    {
        using var document = JsonDocument.Parse(await _admin.GetStringAsync($"/exchanges/{exchange}/counters"));
        return document.RootElement.GetProperty("requests").GetInt64();
    }

    /// <summary>Waits until the exchange has received more than <paramref name="baseline"/> requests.</summary>
    public async Task WaitForRequestsAsync(string exchange, long baseline)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (await RequestsAsync(exchange) <= baseline)
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
