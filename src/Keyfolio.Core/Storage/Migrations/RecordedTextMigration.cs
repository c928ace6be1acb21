using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Storage.Migrations;

/// <summary>
/// Schema version 6: texts an earlier version stored in English and Simplified Chinese only — in the key facts and the
/// last diagnoses of connections, the diagnoses of wallets in snapshots and of sub-account lists, and alerts — are
/// stored whole (catalog, key, arguments) where <see cref="RecordedTextRecovery"/> can tell which text they were; the
/// others stay as they were recorded.
/// </summary>
internal static class RecordedTextMigration
{
    private static readonly (string Table, string Id, string[] Documents)[] Documents =
    [
        ("connections", "id", ["key_facts", "last_check_diagnosis", "last_sync_diagnosis"]),
        ("snapshots", "id", ["wallets"]),
        ("sub_account_lists", "connection_id", ["diagnosis"]),
    ];

    public static async Task RecoverAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var recovery = RecordedTextRecovery.ForStoredTexts();
        foreach (var (table, id, columns) in Documents)
        {
            foreach (var column in columns)
            {
                await RewriteDocumentsAsync(connection, transaction, recovery, table, id, column, cancellationToken).ConfigureAwait(false);
            }
        }

        await RewriteAlertsAsync(connection, transaction, recovery, cancellationToken).ConfigureAwait(false);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The table and column names are the constants above.")]
    private static async Task RewriteDocumentsAsync(DbConnection connection, DbTransaction transaction, RecordedTextRecovery recovery, string table, string id, string column, CancellationToken cancellationToken)
    {
        var rows = new List<(object Id, string Json)>();
        await using (var select = DbValues.Command(connection, transaction, $"SELECT {id}, {column} FROM {table} WHERE {column} LIKE '%\"en\":%'"))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetValue(0), reader.GetString(1)));
            }
        }

        foreach (var (key, json) in rows)
        {
            if (Rewrite(json, recovery) is not { } rewritten)
            {
                continue;
            }

            await using var update = DbValues.Command(connection, transaction, $"UPDATE {table} SET {column} = @json WHERE {id} = @id", ("@json", rewritten), ("@id", key));
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task RewriteAlertsAsync(DbConnection connection, DbTransaction transaction, RecordedTextRecovery recovery, CancellationToken cancellationToken)
    {
        var rows = new List<(long Id, string MessageEn, string MessageZh, string FixEn, string FixZh)>();
        await using (var select = DbValues.Command(connection, transaction, "SELECT id, message_en, message_zh, fix_en, fix_zh FROM alerts WHERE message IS NULL OR fix IS NULL"))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
            }
        }

        foreach (var (id, messageEn, messageZh, fixEn, fixZh) in rows)
        {
            var message = recovery.Recover(messageEn, messageZh);
            var fix = recovery.Recover(fixEn, fixZh);
            if (message is null && fix is null)
            {
                continue;
            }

            await using var update = DbValues.Command(
                connection,
                transaction,
                "UPDATE alerts SET message = @message, fix = @fix WHERE id = @id",
                ("@message", DbValues.ToDb(message is null ? null : CoreJson.Serialize(message))),
                ("@fix", DbValues.ToDb(fix is null ? null : CoreJson.Serialize(fix))),
                ("@id", id));
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The document with each recorded text it holds that can be recovered stored whole; null when none can.</summary>
    private static string? Rewrite(string json, RecordedTextRecovery recovery)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }

        return document is not null && Recover(document, recovery) ? document.ToJsonString(CoreJson.Options) : null;
    }

    private static bool Recover(JsonNode node, RecordedTextRecovery recovery)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject document:
                foreach (var (name, value) in document.ToList())
                {
                    if (Recovered(value, recovery, ref changed) is { } recovered)
                    {
                        document[name] = recovered;
                    }
                }

                break;
            case JsonArray items:
                for (var index = 0; index < items.Count; index++)
                {
                    if (Recovered(items[index], recovery, ref changed) is { } recovered)
                    {
                        items[index] = recovered;
                    }
                }

                break;
        }

        return changed;
    }

    /// <summary>The text stored whole when <paramref name="value"/> is a recorded text that can be recovered; else null, after recovering those inside it.</summary>
    private static JsonNode? Recovered(JsonNode? value, RecordedTextRecovery recovery, ref bool changed)
    {
        if (value is JsonObject text && AsRecorded(text) is { } recorded)
        {
            if (recovery.Recover(recorded.En, recorded.Zh) is not { } found)
            {
                return null;
            }

            changed = true;
            return JsonSerializer.SerializeToNode<LocalizedText>(found, CoreJson.Options);
        }

        if (value is not null)
        {
            changed |= Recover(value, recovery);
        }

        return null;
    }

    /// <summary>The English and Chinese of a text stored as an earlier version stored texts: an object of those two strings alone.</summary>
    private static (string En, string Zh)? AsRecorded(JsonObject node) =>
        node.Count == 2
        && node["en"] is JsonValue en && en.TryGetValue<string>(out var english)
        && node["zh"] is JsonValue zh && zh.TryGetValue<string>(out var chinese)
            ? (english, chinese)
            : null;
}
