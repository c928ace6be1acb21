using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace Keyfolio.Benchmarks.Vault;

/// <summary>
/// Unlocking at the default work factor (Argon2id, 128 MiB, 6 passes, one lane), then locking; beside it the key
/// derivation vaults used before Argon2id (PBKDF2-HMAC-SHA256, 1,000,000 iterations) on the same machine in the same run.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class UnlockBenchmarks
{
    private static readonly byte[] Salt = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] PasswordBytes = System.Text.Encoding.UTF8.GetBytes(VaultBenchmarkSetup.Password);
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

    [Benchmark(Baseline = true)]
    public byte[] PreviousKdfPbkdf2MillionIterations() =>
        Rfc2898DeriveBytes.Pbkdf2(PasswordBytes, Salt, 1_000_000, HashAlgorithmName.SHA256, 32);
}
