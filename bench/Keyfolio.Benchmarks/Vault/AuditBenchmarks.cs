using BenchmarkDotNet.Attributes;
using Keyfolio.Vault.Audit;

namespace Keyfolio.Benchmarks.Vault;

/// <summary>Appending one audit entry (MAC and chain-head update included), and verifying a 1,000,000-entry chain.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class AuditBenchmarks
{
    private const int ChainLength = 1_000_000;

    private static readonly AuditEvent Call = new("sync", AuditAction.ExchangeCall)
    {
        ConnectionId = "connection-42",
        KeyFingerprint = "0011223344556677",
        Endpoint = "/api/v3/account",
        Outcome = "ok",
        Duration = TimeSpan.FromMilliseconds(84),
    };

    private string _appendDirectory = null!;
    private string _verifyDirectory = null!;
    private AuditLog _appendLog = null!;
    private AuditLog _verifyLog = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _appendDirectory = Directory.CreateTempSubdirectory("keyfolio-bench-audit-").FullName;
        _appendLog = await AuditLog.OpenAsync(_appendDirectory, new InMemoryAuditStore());
        _verifyDirectory = Directory.CreateTempSubdirectory("keyfolio-bench-chain-").FullName;
        _verifyLog = await AuditLog.OpenAsync(_verifyDirectory, new InMemoryAuditStore());
        for (var i = 0; i < ChainLength; i++)
        {
            await _verifyLog.AppendAsync(Call);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _appendLog.Dispose();
        _verifyLog.Dispose();
        Directory.Delete(_appendDirectory, recursive: true);
        Directory.Delete(_verifyDirectory, recursive: true);
    }

    [Benchmark]
    public Task<AuditRecord> AppendOneAsync() => _appendLog.AppendAsync(Call);

    [Benchmark]
    public async Task<long> VerifyOneMillionEntriesAsync()
    {
        var verification = await _verifyLog.VerifyAsync();
        return verification.IsIntact ? verification.EntriesChecked : throw new InvalidOperationException(verification.Summary);
    }
}
