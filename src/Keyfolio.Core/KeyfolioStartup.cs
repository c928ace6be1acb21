using Keyfolio.Core.Audit;
using Keyfolio.Core.Storage;
using Keyfolio.Vault.Audit;

namespace Keyfolio.Core;

/// <summary>
/// What runs when Keyfolio starts: the data directory and database brought to the current schema, then (for
/// anything that writes audit entries) the audit log opened and its whole chain verified.
/// </summary>
public sealed class KeyfolioStartup(KeyfolioDatabase database, AuditTrail audit)
{
    /// <summary>Applies pending migrations; enough for commands that only read (balances, connections).</summary>
    public Task MigrateAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

    /// <summary>Migrates, opens the audit log and verifies it. A broken chain is reported, not thrown: every audited
    /// action is refused until it is resealed, and the caller explains that.</summary>
    public async Task<AuditVerification> StartAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        return await audit.VerifyAsync(cancellationToken).ConfigureAwait(false);
    }
}
