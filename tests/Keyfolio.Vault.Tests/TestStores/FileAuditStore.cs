using System.Runtime.CompilerServices;
using System.Text.Json;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Storage;

namespace Keyfolio.Vault.Tests.TestStores;

/// <summary>
/// An audit store in a JSON-lines file, one entry a line, appended in place. <see cref="FailAppends"/> makes
/// every append fail as a full disk would; the tamper methods rewrite the file as an attacker would.
/// </summary>
internal sealed class FileAuditStore(string path) : IAuditStore
{
    public bool FailAppends { get; set; }

    /// <summary>Whether an entry with this sequence number could be appended now: the store takes appends and the number
    /// is free. Throws as an append would when appends fail.</summary>
    public bool CanAppend(long sequence)
    {
        if (FailAppends)
        {
            throw new IOException("No space left on device.");
        }

        return !Load().Any(line => line.Sequence == sequence);
    }

    public async Task<bool> TryAppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        if (FailAppends)
        {
            throw new IOException("No space left on device.");
        }

        if (Load().Any(line => line.Sequence == record.Sequence))
        {
            return false;
        }

        await File.AppendAllTextAsync(path, JsonSerializer.Serialize(Line.From(record)) + "\n", cancellationToken);
        return true;
    }

    public async IAsyncEnumerable<AuditRecord> ReadAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var line in Load().Where(line => line.Sequence > afterSequence).OrderBy(line => line.Sequence))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return line.ToRecord();
            await Task.Yield();
        }
    }

    public Task<AuditRecord?> ReadLastAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Load().MaxBy(line => line.Sequence)?.ToRecord());

    public byte[] ReadAllBytes() => File.Exists(path) ? File.ReadAllBytes(path) : [];

    public void Rewrite(Func<IReadOnlyList<AuditRecord>, IEnumerable<AuditRecord>> change)
    {
        var records = Load().Select(line => line.ToRecord()).ToList();
        File.WriteAllLines(path, change(records).Select(record => JsonSerializer.Serialize(Line.From(record))));
    }

    private List<Line> Load() =>
        File.Exists(path)
            ? File.ReadAllLines(path).Where(text => text.Length > 0).Select(text => JsonSerializer.Deserialize<Line>(text)!).ToList()
            : [];

    private sealed record Line(
        long Sequence,
        long TimeMicroseconds,
        string Actor,
        string Action,
        string? ConnectionId,
        string? KeyFingerprint,
        string? Endpoint,
        string? Outcome,
        long? DurationMicroseconds,
        string Mac)
    {
        public static Line From(AuditRecord record) => new(
            record.Sequence,
            (record.Time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10,
            record.Actor,
            AuditActionCodes.ToCode(record.Action),
            record.ConnectionId,
            record.KeyFingerprint,
            record.Endpoint,
            record.Outcome,
            record.Duration is { } duration ? duration.Ticks / 10 : null,
            Convert.ToBase64String(record.Mac));

        public AuditRecord ToRecord() => new(
            Sequence,
            new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + (TimeMicroseconds * 10), TimeSpan.Zero),
            Actor,
            AuditActionCodes.TryParse(Action, out var action) ? action : throw new InvalidDataException("Unknown action " + Action),
            ConnectionId,
            KeyFingerprint,
            Endpoint,
            Outcome,
            DurationMicroseconds is { } duration ? TimeSpan.FromTicks(duration * 10) : null,
            Convert.FromBase64String(Mac));
    }
}
