using Keyfolio.Core.Sync;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Vault.Audit;

namespace Keyfolio.Core.Tests.Audit;

public sealed class AuditCallObserverTests
{
    [Fact]
    public async Task After_a_full_verification_finds_a_deleted_entry_no_call_is_made_with_a_key()
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.AddAsync("Gate main");
        Assert.Equal(1, await harness.TamperAsync("DELETE FROM audit_entries WHERE sequence = 2"));
        harness.Simulator.Control.ResetCounters("gate");

        var verification = await harness.Audit.VerifyAsync(CancellationToken.None);
        var outcome = (await harness.Sync.RefreshAllAsync(CancellationToken.None)).Single();

        Assert.Equal(AuditProblem.EntryMissing, verification.Problem);
        Assert.Equal(RefreshResult.Failed, outcome.Result);
        Assert.Equal(CoreErrorKind.AuditFailed, outcome.Error?.Kind);
        Assert.Equal(0, harness.Simulator.Control.GetCounters("gate").Requests);
    }
}
