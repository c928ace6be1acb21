using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges;

/// <summary>
/// Strictly increasing nonces per API key that survive restarts and are shared with other processes: the last nonce
/// of each key lives in a file of the state directory, opened exclusively for as long as the request that uses the
/// nonce is in flight, so requests with one key are also sent in nonce order. The directory is its owner's alone
/// (0700, its files 0600, on Unix), and a file is named by a keyed fingerprint of the API key — HMAC-SHA256 under a
/// random key kept beside the files in <c>names.key</c> — so a listing of the directory tells nothing about the key.
/// Files named by the unkeyed SHA-256 that earlier versions used are renamed on first use, keeping their nonce.
/// The connectors' default <see cref="INonceStore"/>: enough for every process on one machine (or one data directory).
/// </summary>
/// <param name="directory">The state directory; made owner-only when missing.</param>
/// <param name="time">The clock of the nonces' lower bound, the current time in microseconds.</param>
public sealed class FileNonceStore(string directory, TimeProvider time) : INonceStore
{
    internal const string NameKeyFile = "names.key";

    /// <summary>The directory's mode on Unix: 0700.</summary>
    internal const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Its files' mode on Unix: 0600.</summary>
    internal const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const int NameKeySize = 32;
    private static readonly TimeSpan LockPollInterval = TimeSpan.FromMilliseconds(5);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly Lock _nameKeyLock = new();
    private byte[]? _nameKey;

    internal string Directory { get; } = directory;

    /// <inheritdoc />
    public async ValueTask<NonceHold> NextAsync(ExchangeId exchange, string apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        EnsurePrivateDirectory();
        var name = exchange.ToName() + "-" + KeyedFingerprint(apiKey) + ".nonce";
        AdoptEarlierFile(Path.Combine(Directory, exchange.ToName() + "-" + RateLimitBudgets.Fingerprint(apiKey) + ".nonce"), Path.Combine(Directory, name));
        var gate = _gates.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var file = await OpenExclusiveAsync(Path.Combine(Directory, name), cancellationToken).ConfigureAwait(false);
            try
            {
                var nonce = Math.Max(await ReadAsync(file, cancellationToken).ConfigureAwait(false) + 1, NowInMicroseconds());
                await WriteAsync(file, nonce, cancellationToken).ConfigureAwait(false);
                return new NonceHold(nonce, new Hold(file, gate));
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

    /// <summary>The first 24 hex digits of HMAC-SHA256(names.key, API key).</summary>
    private string KeyedFingerprint(string apiKey)
    {
        var key = NameKey();
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(apiKey)).AsSpan(0, 12));
    }

    /// <summary>The naming key, made once (random, owner-only, renamed into place whole) and read back by every later store and process.</summary>
    private byte[] NameKey()
    {
        lock (_nameKeyLock)
        {
            if (_nameKey is not null)
            {
                return _nameKey;
            }

            var path = Path.Combine(Directory, NameKeyFile);
            if (!File.Exists(path))
            {
                // Written whole under a name of its own, then renamed into place, which either happens at once or not at
                // all: a process starting beside this one never reads a key half written, and the first rename wins.
                var draft = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
                try
                {
                    using (var created = new FileStream(draft, OwnerOnly(FileMode.CreateNew, FileAccess.Write)))
                    {
                        created.Write(RandomNumberGenerator.GetBytes(NameKeySize));
                    }

                    File.Move(draft, path, overwrite: false);
                }
                catch (IOException) when (File.Exists(path))
                {
                    // Made by another process meanwhile: its key is the one.
                }
                finally
                {
                    File.Delete(draft);
                }
            }

            Tighten(path);
            var key = File.ReadAllBytes(path);
            if (key.Length != NameKeySize)
            {
                throw new IOException($"{path} is not a Keyfolio naming key ({key.Length} bytes where {NameKeySize} belong); delete it to make a new one — only the nonce files' names depend on it.");
            }

            _nameKey = key;
            return key;
        }
    }

    /// <summary>A nonce file an earlier version named by the unkeyed SHA-256 takes the keyed name, its nonce kept.</summary>
    private static void AdoptEarlierFile(string earlier, string current)
    {
        if (!File.Exists(earlier) || File.Exists(current))
        {
            return;
        }

        try
        {
            File.Move(earlier, current);
            Tighten(current);
        }
        catch (IOException) when (File.Exists(current) || !File.Exists(earlier))
        {
            // Another process adopted it first.
        }
    }

    private void EnsurePrivateDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
            return;
        }

        if (!System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.CreateDirectory(Directory, OwnerOnlyDirectory);
        }
        else if (Tightened(File.GetUnixFileMode(Directory), OwnerOnlyDirectory) is { } mode)
        {
            File.SetUnixFileMode(Directory, mode);
        }
    }

    /// <summary>
    /// The mode to give the directory or a file whose mode is <paramref name="current"/> and that should have
    /// <paramref name="ownerOnly"/>, or null when it grants nothing beyond that already; applied on Unix only.
    /// </summary>
    internal static UnixFileMode? Tightened(UnixFileMode current, UnixFileMode ownerOnly) =>
        (current & ~ownerOnly) != 0 ? ownerOnly : null;

    private static void Tighten(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && Tightened(File.GetUnixFileMode(path), OwnerOnlyFile) is { } mode)
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    private static FileStreamOptions OwnerOnly(FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None, BufferSize = 64 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        return options;
    }

    private async Task<FileStream> OpenExclusiveAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var file = new FileStream(path, OwnerOnly(FileMode.OpenOrCreate, FileAccess.ReadWrite));
                Tighten(path);
                return file;
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
