using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Http;

public sealed class NonceStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "keyfolio-nonce-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Nonces_increase_strictly_even_when_the_clock_stands_still()
    {
        var store = new NonceStore(_directory, new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));

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
        var before = new NonceStore(_directory, new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)));
        long last;
        await using (var session = await before.NextAsync(ExchangeId.Bitfinex, "key", CancellationToken.None))
        {
            last = session.Nonce;
        }

        var after = new NonceStore(_directory, new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));
        await using var next = await after.NextAsync(ExchangeId.Bitfinex, "key", CancellationToken.None);

        Assert.Equal(last + 1, next.Nonce);
    }

    [Fact]
    public async Task Two_stores_sharing_the_directory_as_two_processes_would_never_hand_out_the_same_or_a_smaller_nonce()
    {
        var time = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var first = new NonceStore(_directory, time);
        var second = new NonceStore(_directory, time);
        var issued = new System.Collections.Concurrent.ConcurrentQueue<long>();

        async Task UseAsync(NonceStore store)
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
    public async Task The_nonce_file_is_named_by_a_fingerprint_never_by_the_key()
    {
        var store = new NonceStore(_directory, TimeProvider.System);

        await using (await store.NextAsync(ExchangeId.Bitfinex, "VisibleKeyText", CancellationToken.None))
        {
        }

        Assert.DoesNotContain(Directory.GetFiles(_directory), f => f.Contains("VisibleKeyText", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
