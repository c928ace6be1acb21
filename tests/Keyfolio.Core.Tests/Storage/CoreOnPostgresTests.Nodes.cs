using Keyfolio.Core.Audit;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Vault.Audit;
using Npgsql;

namespace Keyfolio.Core.Tests.Storage;

// Two data directories — two nodes, as on two machines — over one real PostgreSQL database: the second joins with a
// copy of the first's audit.key, both then write the one audit chain at once, and each still catches entries cut below
// its own head.
public sealed partial class CoreOnPostgresTests
{
    [Fact]
    public async Task A_joined_node_opens_the_vault_and_both_nodes_append_at_once_to_one_chain_each_verifies()
    {
        await using var first = await CoreHarness.StartAsync(configureOptions: o => o.Store = Store);
        await first.AddAsync("OKX main");
        var before = await CountAsync("SELECT COUNT(*) FROM audit_entries");
        await using var second = await CoreHarness.StartAsync(createVault: false, configureOptions: o => o.Store = Store, openAudit: false);
        var key = await File.ReadAllBytesAsync(Path.Combine(first.DataDirectory, AuditLog.KeyFileName));

        var joined = await second.Get<NodeJoin>().JoinAsync(key, None);

        Assert.True(joined.IsSuccess, joined.Error?.ToString());
        Assert.Equal((before, before + 1, false), (joined.Value.EntriesVerified, joined.Value.JoinEntry, joined.Value.HadJoined));
        Assert.DoesNotContain("Password", joined.Value.Database, StringComparison.OrdinalIgnoreCase);
        var entry = (await second.Audit.ReadNewestAsync(1, null, None)).Single();
        Assert.Equal(AuditAction.NodeJoined, entry.Action);
        Assert.Contains($"after verifying {before} entries", entry.Outcome, StringComparison.Ordinal);

        // The header is sealed under the audit key: the second node's copy opens it, and the connection's key decrypts.
        Assert.True((await second.Vault.UnlockAsync(CoreHarness.Password, None)).IsSuccess);
        Assert.True((await second.Get<Keyfolio.Core.Sync.SyncService>().RefreshAllAsync(None)).All(o => o.Result == Keyfolio.Core.Sync.RefreshResult.Refreshed));

        // Each node's appends queue behind its own lock, and race the other node's for each sequence number: an append
        // may lose several times in a row (three tries, as an append had before nodes, were too few here).
        const int PerNode = 25;
        await Task.WhenAll(new[] { first, second }.Select(node => Task.Run(async () =>
        {
            for (var i = 0; i < PerNode; i++)
            {
                await node.Audit.AppendAsync(new AuditEvent(node == first ? "first" : "second", AuditAction.AlertRulesChanged) { Outcome = "race " + i }, None);
            }
        })));

        var total = await CountAsync("SELECT COUNT(*) FROM audit_entries");
        Assert.Equal(total, await CountAsync("SELECT MAX(sequence) FROM audit_entries"));
        Assert.Equal(PerNode, await CountAsync("SELECT COUNT(*) FROM audit_entries WHERE actor = 'first' AND outcome LIKE 'race %'"));
        Assert.Equal(PerNode, await CountAsync("SELECT COUNT(*) FROM audit_entries WHERE actor = 'second' AND outcome LIKE 'race %'"));
        foreach (var node in new[] { first, second })
        {
            var verified = await node.Audit.VerifyAsync(None);
            Assert.True(verified.IsIntact, verified.Summary);
            Assert.Equal(total, verified.EntriesChecked);
        }

        var hex = Convert.ToHexString(key.AsSpan(5));
        var base64 = Convert.ToBase64String(key.AsSpan(5));
        Assert.DoesNotContain(second.Logs.Lines, line => line.Contains(hex, StringComparison.OrdinalIgnoreCase) || line.Contains(base64, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Entries_cut_after_the_join_below_both_heads_are_caught_by_each_node()
    {
        await using var first = await CoreHarness.StartAsync(configureOptions: o => o.Store = Store);
        await using var second = await CoreHarness.StartAsync(createVault: false, configureOptions: o => o.Store = Store, openAudit: false);
        Assert.True((await second.Get<NodeJoin>().JoinAsync(await File.ReadAllBytesAsync(Path.Combine(first.DataDirectory, AuditLog.KeyFileName)), None)).IsSuccess);
        var cutFrom = await CountAsync("SELECT MAX(sequence) FROM audit_entries");
        foreach (var node in new[] { first, second, first, second })
        {
            await node.Audit.AppendAsync(new AuditEvent("node", AuditAction.AlertRulesChanged), None);
        }

        // Both heads are past the join entry (the first's at its last append, the second's at its own); the join entry and all after it go.
        Assert.Equal(5, await ExecuteAsync($"DELETE FROM audit_entries WHERE sequence >= {cutFrom}"));

        foreach (var node in new[] { first, second })
        {
            var verification = await node.Audit.VerifyAsync(None);
            Assert.Equal(AuditProblem.Truncated, verification.Problem);
            Assert.False(await node.Audit.IsIntactAsync(None));
            await Assert.ThrowsAsync<AuditLogException>(() => node.Audit.AppendAsync(new AuditEvent("node", AuditAction.VaultLocked), None));
        }
    }

    [Fact]
    public async Task A_join_is_refused_with_another_installations_key_over_a_broken_chain_and_on_the_SQLite_file()
    {
        await using var first = await CoreHarness.StartAsync(configureOptions: o => o.Store = Store);
        await first.Audit.AppendAsync(new AuditEvent("first", AuditAction.VaultLocked), None);
        await using var other = await CoreHarness.StartAsync(createVault: true);
        await using var second = await CoreHarness.StartAsync(createVault: false, configureOptions: o => o.Store = Store, openAudit: false);

        var wrongKey = await second.Get<NodeJoin>().JoinAsync(await File.ReadAllBytesAsync(Path.Combine(other.DataDirectory, AuditLog.KeyFileName)), None);
        var onSqlite = await other.Get<NodeJoin>().JoinAsync(await File.ReadAllBytesAsync(Path.Combine(first.DataDirectory, AuditLog.KeyFileName)), None);
        await ExecuteAsync("UPDATE audit_entries SET actor = 'forger' WHERE sequence = 1");
        var broken = await second.Get<NodeJoin>().JoinAsync(await File.ReadAllBytesAsync(Path.Combine(first.DataDirectory, AuditLog.KeyFileName)), None);

        Assert.Equal((CoreErrorKind.BadInput, "audit-key"), (wrongKey.Error!.Kind, wrongKey.Error.Field));
        Assert.Contains("does not verify the audit log", wrongKey.Error.Message.ToString(), StringComparison.Ordinal);
        Assert.Equal((CoreErrorKind.BadInput, "Database:Provider"), (onSqlite.Error!.Kind, onSqlite.Error.Field));
        Assert.Equal(CoreErrorKind.AuditFailed, broken.Error!.Kind);
        Assert.Contains("Entry 1 does not match its MAC", broken.Error.Message.ToString(), StringComparison.Ordinal);
        Assert.Contains("keyfolio audit --verify", broken.Error.Fix.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(second.DataDirectory, AuditLog.KeyFileName)));
        Assert.False(File.Exists(Path.Combine(second.DataDirectory, AuditLog.HeadFileName)));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Test statements are constants.")]
    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Changes the database behind the nodes' backs, as someone with write access to it could.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Test statements are constants.")]
    private async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }
}
