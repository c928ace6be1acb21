using System.Runtime.CompilerServices;
using System.Text.Json;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Credentials;
using Keyfolio.Vault.Storage;
using Keyfolio.Testing.Contracts;

namespace Keyfolio.Vault.Tests.TestStores;

/// <summary>
/// A vault store in one JSON file, replaced atomically (write a temporary file, flush, rename) on every change.
/// Opened with a crash step, it throws <see cref="SimulatedCrashException"/> in place of that write step,
/// leaving on disk exactly what a process killed there would. A write's audit entry goes to <paramref name="audits"/>
/// right after the state file is renamed into place, with no crash step between the two, so for the crash simulation
/// they are one transaction; the entry's sequence number and the audit store's health are checked before anything is
/// written.
/// </summary>
internal sealed class FileVaultStore(string path, int crashAtStep = 0, FileAuditStore? audits = null) : IVaultStore
{
    private int _step;

    public Task<VaultHeaderRecord?> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        var state = Load();
        return Task.FromResult(state.Header is null ? null : new VaultHeaderRecord(Convert.FromBase64String(state.Header), state.Revision));
    }

    public Task<bool> TryCreateHeaderAsync(byte[] header, AuditRecord? audit, CancellationToken cancellationToken)
    {
        var state = Load();
        if (state.Header is not null)
        {
            return Task.FromResult(false);
        }

        return Task.FromResult(Save(state with { Header = Convert.ToBase64String(header), Revision = 1 }, audit));
    }

    public Task<bool> TryReplaceHeaderAsync(long expectedRevision, byte[] header, AuditRecord? audit, CancellationToken cancellationToken)
    {
        var state = Load();
        if (state.Header is null || state.Revision != expectedRevision)
        {
            return Task.FromResult(false);
        }

        return Task.FromResult(Save(state with { Header = Convert.ToBase64String(header), Revision = state.Revision + 1 }, audit));
    }

    public Task<StoredCredential?> ReadCredentialAsync(string credentialId, CancellationToken cancellationToken) =>
        Task.FromResult(Load().Credentials.FirstOrDefault(row => row.Id == credentialId)?.ToStored());

    public async IAsyncEnumerable<StoredCredential> ReadCredentialsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var row in Load().Credentials)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row.ToStored();
            await Task.Yield();
        }
    }

    public Task<bool> TryAddCredentialAsync(StoredCredential credential, AuditRecord? audit, CancellationToken cancellationToken)
    {
        var state = Load();
        if (state.Credentials.Any(row => row.Id == credential.Address.CredentialId))
        {
            return Task.FromResult(false);
        }

        return Task.FromResult(Save(state with { Credentials = [.. state.Credentials, Row.From(credential)] }, audit));
    }

    public Task<bool> TryReplaceCredentialAsync(StoredCredential credential, AuditRecord? audit, CancellationToken cancellationToken)
    {
        var state = Load();
        var index = state.Credentials.FindIndex(row => row.Id == credential.Address.CredentialId);
        if (index < 0)
        {
            return Task.FromResult(false);
        }

        var rows = state.Credentials.ToList();
        rows[index] = Row.From(credential);
        return Task.FromResult(Save(state with { Credentials = rows }, audit));
    }

    public Task<bool> TryRemoveCredentialAsync(string credentialId, AuditRecord? audit, CancellationToken cancellationToken)
    {
        var state = Load();
        var rows = state.Credentials.Where(row => row.Id != credentialId).ToList();
        if (rows.Count == state.Credentials.Count)
        {
            return Task.FromResult(false);
        }

        return Task.FromResult(Save(state with { Credentials = rows }, audit));
    }

    public Task<bool> TryCommitRotationAsync(KeyRotation rotation, AuditRecord? audit, CancellationToken cancellationToken)
    {
        var state = Load();
        var stored = state.Credentials.ToDictionary(row => row.Id, StringComparer.Ordinal);
        var matches = state.Header is not null
            && state.Revision == rotation.ExpectedRevision
            && stored.Count == rotation.Credentials.Count
            && rotation.Credentials.All(item =>
                stored.TryGetValue(item.Address.CredentialId, out var row) && row.Envelope == Convert.ToBase64String(item.PreviousEnvelope));
        if (!matches)
        {
            return Task.FromResult(false);
        }

        var rows = rotation.Credentials.Select(item => Row.From(new StoredCredential(item.Address, item.Envelope))).ToList();
        return Task.FromResult(Save(new State(Convert.ToBase64String(rotation.Header), state.Revision + 1, rows), audit));
    }

    private State Load()
    {
        if (!File.Exists(path))
        {
            return new State(null, 0, []);
        }

        return JsonSerializer.Deserialize<State>(File.ReadAllBytes(path)) ?? throw new InvalidDataException("Empty store file.");
    }

    private bool Save(State state, AuditRecord? audit)
    {
        if (audit is not null)
        {
            var entries = audits ?? throw new InvalidOperationException("This store was opened without its audit store, so it cannot record the write's entry.");
            if (!entries.CanAppend(audit.Sequence))
            {
                return false;
            }
        }

        Save(state);
        if (audit is not null && !audits!.TryAppendAsync(audit, CancellationToken.None).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The audit entry's sequence number was taken between the check and the write.");
        }

        return true;
    }

    private void Save(State state)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(state);
        var temporary = path + ".tmp";
        Step();
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes, 0, bytes.Length / 2);
            Step();
            stream.Write(bytes, bytes.Length / 2, bytes.Length - (bytes.Length / 2));
            Step();
            stream.Flush(flushToDisk: true);
        }

        Step();
        File.Move(temporary, path, overwrite: true);
    }

    private void Step()
    {
        _step++;
        if (_step == crashAtStep)
        {
            throw new SimulatedCrashException(_step);
        }
    }

    private sealed record State(string? Header, long Revision, List<Row> Credentials);

    private sealed record Row(string Id, string Exchange, string Envelope)
    {
        public static Row From(StoredCredential credential) =>
            new(credential.Address.CredentialId, credential.Address.Exchange, Convert.ToBase64String(credential.Envelope));

        public StoredCredential ToStored() => new(new CredentialAddress(Id, Exchange), Convert.FromBase64String(Envelope));
    }
}
