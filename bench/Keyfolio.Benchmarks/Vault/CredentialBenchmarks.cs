using BenchmarkDotNet.Attributes;
using Keyfolio.Vault.Credentials;

namespace Keyfolio.Benchmarks.Vault;

/// <summary>Encrypting and decrypting one credential, and decrypting all 10,000 of a large vault, once unlocked.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class CredentialBenchmarks
{
    private static readonly CredentialAddress Address = new("connection-1", "binance");

    private VaultBenchmarkSetup _setup = null!;
    private StoredCredential _stored = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _setup = await VaultBenchmarkSetup.CreateAsync(credentials: 10_000);
        _stored = _setup.Vault.Encrypt(Address, VaultBenchmarkSetup.Payload);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _setup.DisposeAsync();

    [Benchmark]
    public StoredCredential EncryptOne() => _setup.Vault.Encrypt(Address, VaultBenchmarkSetup.Payload);

    [Benchmark]
    public int DecryptOne()
    {
        using var credential = _setup.Vault.Decrypt(_stored);
        return credential.Payload.Length;
    }

    [Benchmark(OperationsPerInvoke = 10_000)]
    public async Task<int> ReadAndDecryptTenThousandAsync()
    {
        var total = 0;
        await foreach (var stored in _setup.Store.ReadCredentialsAsync(CancellationToken.None))
        {
            using var credential = _setup.Vault.Decrypt(stored);
            total += credential.Payload.Length;
        }

        return total;
    }
}
