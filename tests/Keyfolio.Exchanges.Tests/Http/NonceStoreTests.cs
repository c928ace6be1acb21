using Keyfolio.Testing;

namespace Keyfolio.Exchanges.Tests.Http;

public sealed class NonceStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "keyfolio-nonce-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Nonces_increase_strictly_even_when_the_clock_stands_still()
    {
        var store = new FileNonceStore(_directory, new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));

        var nonces = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            await using var session = await store.NextAsync(ExchangeId.Bitfinex, "key", CancellationToken.None);
            nonces.Add(session.Nonce);
        }

        Assert.Equal(1_700_000_000_000_000, nonces[0]);
        Assert.Equal(nonces.Order(), nonces);
        Assert.Equal(5, nonces.Distinct().Count());
    }

    [Fact]
    public async Task A_restart_with_the_clock_set_back_continues_above_the_last_nonce()
    {
        var before = new FileNonceStore(_directory, new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)));
        long last;
        await using (var session = await before.NextAsync(ExchangeId.Bitfinex, "key", CancellationToken.None))
        {
            last = session.Nonce;
        }

        var after = new FileNonceStore(_directory, new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));
        await using var next = await after.NextAsync(ExchangeId.Bitfinex, "key", CancellationToken.None);

        Assert.Equal(last + 1, next.Nonce);
    }

    [Fact]
    public async Task Two_stores_sharing_the_directory_as_two_processes_would_never_hand_out_the_same_or_a_smaller_nonce()
    {
        var time = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)) { RealTimers = true };
        var first = new FileNonceStore(_directory, time);
        var second = new FileNonceStore(_directory, time);
        var issued = new System.Collections.Concurrent.ConcurrentQueue<long>();

        async Task UseAsync(FileNonceStore store)
        {
            for (var i = 0; i < 50; i++)
            {
                await using var session = await store.NextAsync(ExchangeId.Bitfinex, "shared-key", CancellationToken.None);
                issued.Enqueue(session.Nonce);
            }
        }

        await Task.WhenAll(Task.Run(() => UseAsync(first)), Task.Run(() => UseAsync(second)));

        Assert.Equal(100, issued.Distinct().Count());
        Assert.Equal(issued.Order(), issued);
    }

    [Fact]
    public async Task Stores_of_processes_starting_together_on_a_new_directory_agree_on_one_naming_key()
    {
        var stores = Enumerable.Range(0, 16).Select(_ => new FileNonceStore(_directory, TimeProvider.System)).ToList();
        using var start = new Barrier(stores.Count);

        // A thread each, released together, as processes starting at once would be.
        var sessions = await Task.WhenAll(stores.Select(store => Task.Factory.StartNew(
            async () =>
            {
                start.SignalAndWait();
                await using var session = await store.NextAsync(ExchangeId.Kraken, "key-of-store-" + stores.IndexOf(store), CancellationToken.None);
                return session.Nonce;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()));

        var key = await File.ReadAllBytesAsync(Path.Combine(_directory, FileNonceStore.NameKeyFile));
        var expected = stores.Select((_, i) => "kraken-" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes("key-of-store-" + i)).AsSpan(0, 12)) + ".nonce");
        Assert.Equal(16, sessions.Length);
        Assert.Equal(32, key.Length);
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.EnumerateFiles(_directory, "*.nonce").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(_directory, "*.tmp"));
    }

    [Fact]
    public async Task The_nonce_file_is_named_by_a_fingerprint_never_by_the_key()
    {
        var store = new FileNonceStore(_directory, TimeProvider.System);

        await using (await store.NextAsync(ExchangeId.Bitfinex, "VisibleKeyText", CancellationToken.None))
        {
        }

        Assert.DoesNotContain(Directory.GetFiles(_directory), f => f.Contains("VisibleKeyText", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_name_is_a_keyed_fingerprint_not_the_unkeyed_hash_and_every_store_over_the_directory_finds_the_same_file()
    {
        var time = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        long first;
        await using (var session = await new FileNonceStore(_directory, time).NextAsync(ExchangeId.Kraken, "SomeApiKey", CancellationToken.None))
        {
            first = session.Nonce;
        }

        await using var again = await new FileNonceStore(_directory, time).NextAsync(ExchangeId.Kraken, "SomeApiKey", CancellationToken.None);
        var unkeyed = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("SomeApiKey"u8.ToArray()).AsSpan(0, 12));
        var nonceFiles = Directory.GetFiles(_directory, "*.nonce").Select(Path.GetFileName).ToList();

        Assert.Equal(first + 1, again.Nonce);
        Assert.Single(nonceFiles);
        Assert.StartsWith("kraken-", nonceFiles[0], StringComparison.Ordinal);
        Assert.DoesNotContain(unkeyed, nonceFiles[0], StringComparison.Ordinal);
        Assert.Equal(32, (await File.ReadAllBytesAsync(Path.Combine(_directory, FileNonceStore.NameKeyFile))).Length);
    }

    [Fact]
    public async Task A_nonce_file_an_earlier_version_named_by_the_unkeyed_hash_is_adopted_with_its_nonce()
    {
        Directory.CreateDirectory(_directory);
        var unkeyed = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("LegacyKey"u8.ToArray()).AsSpan(0, 12));
        var earlier = Path.Combine(_directory, "bitfinex-" + unkeyed + ".nonce");
        await File.WriteAllTextAsync(earlier, "1800000000000000");
        var store = new FileNonceStore(_directory, new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));

        await using var session = await store.NextAsync(ExchangeId.Bitfinex, "LegacyKey", CancellationToken.None);

        Assert.Equal(1_800_000_000_000_001, session.Nonce);
        Assert.False(File.Exists(earlier));
        Assert.Single(Directory.GetFiles(_directory, "bitfinex-*.nonce"));
    }

    [Fact]
    public async Task The_directory_and_its_files_are_the_owners_alone_and_ones_left_open_to_others_are_tightened()
    {
        const UnixFileMode OpenDirectory = (UnixFileMode)0b111_101_101;
        const UnixFileMode OpenFile = (UnixFileMode)0b110_100_100;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, FileNonceStore.OwnerOnlyDirectory);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, FileNonceStore.OwnerOnlyFile);
        Assert.Equal(FileNonceStore.OwnerOnlyDirectory, FileNonceStore.Tightened(OpenDirectory, FileNonceStore.OwnerOnlyDirectory));
        Assert.Equal(FileNonceStore.OwnerOnlyFile, FileNonceStore.Tightened(OpenFile, FileNonceStore.OwnerOnlyFile));
        Assert.Null(FileNonceStore.Tightened(FileNonceStore.OwnerOnlyFile, FileNonceStore.OwnerOnlyFile));
        if (OperatingSystem.IsWindows())
        {
            // The rule is checked above; Windows has no Unix modes to apply it to.
            return;
        }

        var time = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        await using (await new FileNonceStore(_directory, time).NextAsync(ExchangeId.Kraken, "k1", CancellationToken.None))
        {
        }

        var fresh = Modes();
        File.SetUnixFileMode(_directory, OpenDirectory);
        foreach (var file in Directory.GetFiles(_directory))
        {
            File.SetUnixFileMode(file, OpenFile);
        }

        await using (await new FileNonceStore(_directory, time).NextAsync(ExchangeId.Kraken, "k1", CancellationToken.None))
        {
        }

        var tightened = Modes();
        Assert.Equal(fresh.Directory, tightened.Directory);
        Assert.Equal(fresh.Files, tightened.Files);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, fresh.Directory);
        Assert.Equal(2, fresh.Files.Count);
        Assert.All(fresh.Files, mode => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode));

        (UnixFileMode Directory, List<UnixFileMode> Files) Modes() =>
            (File.GetUnixFileMode(_directory), Directory.GetFiles(_directory).Order(StringComparer.Ordinal).Select(File.GetUnixFileMode).ToList());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
