using Keyfolio.Core.Access;
using Keyfolio.Core.Audit;
using Keyfolio.Vault;
using Keyfolio.Vault.Audit;
using Keyfolio.Web.Tests.Harness;
using Microsoft.Data.Sqlite;

namespace Keyfolio.Web.Tests.Hosting;

public sealed class ShutdownTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keyfolio-web-shutdown-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Stopping_keyfolio_locks_the_vault_and_records_it_as_a_shutdown()
    {
        var locked = new TaskCompletionSource<VaultStateChangeReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (var app = KeyfolioWebFactory.Over(_directory))
        {
            using var client = await app.CreateSignedInClientAsync();
            app.Service<VaultAccess>().StateChanged += (_, change) =>
            {
                if (change.State == VaultState.Locked)
                {
                    locked.TrySetResult(change.Reason);
                }
            };
        }

        var reason = await locked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var again = KeyfolioWebFactory.Over(_directory);
        var locks = await again.Service<AuditTrail>().ReadPageAsync(new AuditQuery { Action = AuditAction.VaultLocked }, CancellationToken.None);

        Assert.Equal(VaultStateChangeReason.Shutdown, reason);
        Assert.Equal("shutdown", locks[0].Outcome);
    }
}
