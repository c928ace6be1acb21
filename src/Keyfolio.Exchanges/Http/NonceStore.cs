using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Keyfolio.Exchanges.Http;

/// <summary>
/// Strictly increasing nonces per API key that survive restarts and are shared with other processes: the last nonce
/// of each key lives in a file of the state directory, opened exclusively for as long as the request that uses the
/// nonce is in flight, so requests with one key are also sent in nonce order.
/// </summary>
internal sealed class NonceStore(string directory, TimeProvider time)
{
    private static readonly TimeSpan LockPollInterval = TimeSpan.FromMilliseconds(5);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public string Directory { get; } = directory;

    public async ValueTask<SigningSession> NextAsync(ExchangeId exchange, string apiKey, CancellationToken cancellationToken)
    {
        var name = exchange.ToName() + "-" + RateLimitBudgets.Fingerprint(apiKey) + ".nonce";
        var gate = _gates.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var file = await OpenExclusiveAsync(Path.Combine(Directory, name), cancellationToken).ConfigureAwait(false);
            try
            {
                var nonce = Math.Max(await ReadAsync(file, cancellationToken).ConfigureAwait(false) + 1, NowInMicroseconds());
                await WriteAsync(file, nonce, cancellationToken).ConfigureAwait(false);
                return new SigningSession(nonce, new Hold(file, gate));
            }
            catch
            {
                await file.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    private long NowInMicroseconds() => time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;

    private async Task<FileStream> OpenExclusiveAsync(string path, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 64, FileOptions.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process holds this key's nonce for a request in flight; it is released within one round trip.
                await Task.Delay(LockPollInterval, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<long> ReadAsync(FileStream file, CancellationToken cancellationToken)
    {
        var buffer = new byte[32];
        file.Position = 0;
        var read = await file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return long.TryParse(Encoding.ASCII.GetString(buffer, 0, read).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : 0;
    }

    private static async Task WriteAsync(FileStream file, long nonce, CancellationToken cancellationToken)
    {
        var bytes = Encoding.ASCII.GetBytes(nonce.ToString(CultureInfo.InvariantCulture));
        file.Position = 0;
        file.SetLength(0);
        await file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class Hold(FileStream file, SemaphoreSlim gate) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await file.DisposeAsync().ConfigureAwait(false);
            gate.Release();
        }
    }
}
