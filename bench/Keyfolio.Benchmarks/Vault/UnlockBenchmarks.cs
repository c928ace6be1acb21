using BenchmarkDotNet.Attributes;

namespace Keyfolio.Benchmarks.Vault;

/// <summary>Unlocking at the default work factor (PBKDF2-HMAC-SHA256, 1,000,000 iterations), then locking.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class UnlockBenchmarks
{
    private VaultBenchmarkSetup _setup = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _setup = await VaultBenchmarkSetup.CreateAsync(credentials: 0);
        await _setup.Vault.LockAsync(VaultBenchmarkSetup.Actor);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _setup.DisposeAsync();

    [Benchmark]
    public async Task UnlockAtDefaultKdfAsync()
    {
        await _setup.Vault.UnlockAsync(VaultBenchmarkSetup.Password, VaultBenchmarkSetup.Actor);
        await _setup.Vault.LockAsync(VaultBenchmarkSetup.Actor);
    }
}
