using Keyfolio.Vault.Audit;
using Keyfolio.Testing.Contracts;

namespace Keyfolio.Core.Tests.Storage;

/// <summary>
/// The audit store contract for the database stores, tampered with by SQL as someone holding the database would; each
/// engine supplies only how a statement reaches it.
/// </summary>
public abstract class DatabaseAuditStoreContract : AuditStoreContract
{
    /// <summary>Runs <paramref name="sql"/> (parameters named <c>@name</c>) on the database behind Keyfolio's back.</summary>
    protected abstract Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters);

    protected override async Task EditEntryAsync(long sequence, Func<AuditRecord, AuditRecord> edit)
    {
        AuditRecord? original = null;
        await foreach (var record in OpenAuditStore().ReadAsync(sequence - 1, CancellationToken.None))
        {
            original = record;
            break;
        }

        var edited = edit(original!);
        await ExecuteAsync(
            "UPDATE audit_entries SET recorded_at = @time, actor = @actor, action = @action, connection_id = @connection, key_fingerprint = @fingerprint, endpoint = @endpoint, outcome = @outcome, duration_us = @duration, mac = @mac WHERE sequence = @sequence",
            ("@time", (edited.Time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10),
            ("@actor", edited.Actor),
            ("@action", AuditActionCodes.ToCode(edited.Action)),
            ("@connection", edited.ConnectionId),
            ("@fingerprint", edited.KeyFingerprint),
            ("@endpoint", edited.Endpoint),
            ("@outcome", edited.Outcome),
            ("@duration", edited.Duration?.Ticks / 10),
            ("@mac", edited.Mac),
            ("@sequence", sequence));
    }

    protected override Task DeleteEntryAsync(long sequence) =>
        ExecuteAsync("DELETE FROM audit_entries WHERE sequence = @sequence", ("@sequence", sequence));

    protected override Task SwapEntriesAsync(long first, long second) =>
        ExecuteAsync(
            "UPDATE audit_entries SET sequence = -1 WHERE sequence = @first; UPDATE audit_entries SET sequence = @first WHERE sequence = @second; UPDATE audit_entries SET sequence = @second WHERE sequence = -1;",
            ("@first", first),
            ("@second", second));

    protected override Task TruncateAsync(long keep) =>
        ExecuteAsync("DELETE FROM audit_entries WHERE sequence > @keep", ("@keep", keep));
}
