using System.Globalization;
using Keyfolio.Core.Storage;
using Keyfolio.Vault.Audit;

namespace Keyfolio.Core.Audit;

/// <summary>
/// Adds a node — another data directory, usually on another machine — to a PostgreSQL database other nodes already
/// use: with a copy of one node's <c>audit.key</c>, the whole audit chain is verified, the key is installed in this data
/// directory with a chain head of its own, and the join is recorded in the log (<see cref="AuditAction.NodeJoined"/>).
/// The same key also opens the vault header's seal. The key is never printed, logged or put in a message.
/// </summary>
public sealed class NodeJoin(KeyfolioDatabase database, AuditTrail trail)
{
    /// <summary>
    /// Joins with <paramref name="keyFile"/>, the bytes of the copied key file. Refused, with what to do and nothing
    /// installed, on a SQLite store, when the file is not an audit key, the log is empty, the key is not the log's, the
    /// chain fails verification, or the data directory holds another log's key or head.
    /// </summary>
    public async Task<CoreResult<NodeJoinSummary>> JoinAsync(ReadOnlyMemory<byte> keyFile, CancellationToken cancellationToken)
    {
        if (database.IsEmbedded)
        {
            return new CoreError(CoreErrorKind.BadInput, Texts.Of("NodesShareAPostgreSqlDatabase"), Texts.Of("NodesShareAPostgreSqlDatabaseFix")) { Field = "Database:Provider" };
        }

        AuditJoin joined;
        try
        {
            joined = await trail.JoinAsync(keyFile, cancellationToken).ConfigureAwait(false);
        }
        catch (AuditJoinException refused)
        {
            return Refusal(refused);
        }
        catch (AuditLogException exception)
        {
            return Errors.AuditFailed(exception.Message);
        }

        AuditRecord entry;
        try
        {
            entry = await joined.Log.AppendAsync(
                new AuditEvent(AuditActor.Current, AuditAction.NodeJoined)
                {
                    Outcome = string.Create(CultureInfo.InvariantCulture, $"node {Environment.MachineName} joined{(joined.HadJoined ? " again" : string.Empty)} after verifying {joined.Verification.EntriesChecked} entries"),
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AuditLogException exception)
        {
            return Errors.AuditFailed(exception.Message);
        }

        return new NodeJoinSummary(database.Store.ToString(), joined.Verification.EntriesChecked, entry.Sequence, joined.HadJoined);
    }

    private CoreError Refusal(AuditJoinException refused) => refused.Refusal switch
    {
        AuditJoinRefusal.NotAKeyFile => new CoreError(CoreErrorKind.BadInput, Texts.Of("TheFileGivenIsNotAnAuditKey"), Texts.Of("CopyAuditKeyFromANode")) { Field = "audit-key" },
        AuditJoinRefusal.EmptyLog => new CoreError(CoreErrorKind.VaultMissing, Texts.Of("TheAuditLogHasNoEntriesToJoin", database.Store.ToString()), Texts.Of("RunKeyfolioInitOnTheFirstNode")),
        AuditJoinRefusal.KeyDoesNotMatch => new CoreError(CoreErrorKind.BadInput, Texts.Of("TheAuditKeyIsNotThisLogs", database.Store.ToString()), Texts.Of("CopyAuditKeyFromANode")) { Field = "audit-key" },
        AuditJoinRefusal.ChainBroken => new CoreError(CoreErrorKind.AuditFailed, Texts.Of("TheAuditLogFailsNoNodeJoins", refused.Verification?.Summary ?? refused.Message), Texts.Of("VerifyAndResealOnANode")),
        _ => new CoreError(CoreErrorKind.Conflict, Texts.Of("TheDataDirectoryHoldsAnotherAuditKey", database.DataDirectory), Texts.Of("JoinWithAnEmptyDataDirectory")),
    };
}

/// <summary>A node joined: the database (never its password), the entries verified, the join's own entry, and whether this data directory had joined before.</summary>
public sealed record NodeJoinSummary(string Database, long EntriesVerified, long JoinEntry, bool HadJoined);
