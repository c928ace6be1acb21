using System.Data.Common;
using Keyfolio.Core.Storage;

namespace Keyfolio.Core.Connections;

/// <summary>
/// Schema version 3: every stored <c>label_key</c> is recomputed with <see cref="ConnectionLabel.Key"/>. Labels kept
/// by earlier versions stay as they were written; when two active labels turn out to be the same under the new rule
/// (say "Main" and "Маin" with a Cyrillic М), the later one keeps a key of its own, so both connections still open and
/// neither is renamed behind the owner's back; a new label that looks like either is refused from now on.
/// </summary>
internal static class LabelKeyMigration
{
    public static async Task RecomputeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = new List<(string Id, string Label, bool Active)>();
        await using (var select = DbValues.Command(connection, transaction, "SELECT id, label, removed_at FROM connections ORDER BY created_at, id"))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), await reader.IsDBNullAsync(2, cancellationToken).ConfigureAwait(false)));
            }
        }

        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, label, active) in rows)
        {
            var key = ConnectionLabel.Key(label);
            if (active && !taken.Add(key))
            {
                key = ConnectionLabel.Key(label + "\u0000" + id);
                taken.Add(key);
            }

            await using var update = DbValues.Command(connection, transaction, "UPDATE connections SET label_key = @key WHERE id = @id", ("@key", key), ("@id", id));
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
