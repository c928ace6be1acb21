using System.Text.Json;
using Keyfolio.Cli.Tests.Support;
using Npgsql;

namespace Keyfolio.Cli.Tests.EndToEnd;

// keyfolio join-node between two data directories on one real PostgreSQL database, as two machines would run it: the
// second joins with a copy of the first's audit.key, both write the one audit log, and each verifies it.
public sealed partial class PostgresStoreTests
{
    private Dictionary<string, string?> Postgres => new()
    {
        ["KEYFOLIO_DATABASE__PROVIDER"] = "postgresql",
        ["KEYFOLIO_DATABASE__CONNECTIONSTRING"] = _database!.ConnectionString,
    };

    [Fact]
    public async Task A_second_data_directory_joins_with_a_copy_of_the_key_both_write_the_log_and_each_verifies_it_and_catches_a_cut()
    {
        using var first = new CliWorld(fixture.Simulator, Postgres);
        using var second = new CliWorld(fixture.Simulator, Postgres);
        Assert.Equal(0, (await first.RunAsync("init")).ExitCode);
        var key = await File.ReadAllBytesAsync(Path.Combine(first.Home, "audit.key"));
        var copy = CopyKey(first.Home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var runs = new List<Run>();

        // Not joined yet: the log cannot be verified here, and the fix says how a new node gets the key.
        var unjoined = await second.RunAsync("audit", "--verify");
        Assert.True(unjoined.ExitCode == ExitCodes.AuditProblem, unjoined.ToString());
        Assert.Contains("audit.key) is missing", unjoined.Error, StringComparison.Ordinal);
        Assert.Contains("keyfolio join-node --audit-key", unjoined.Error, StringComparison.Ordinal);

        var readable = await second.RunAsync("join-node", "--audit-key", copy);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(readable.ExitCode == ExitCodes.Usage, readable.ToString());
            Assert.Contains("chmod 600", readable.Error, StringComparison.Ordinal);
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var joined = await second.RunAsync("join-node", "--audit-key", copy);
        var again = await second.RunAsync("join-node", "--audit-key", copy, "--json");
        runs.AddRange([readable, joined, again]);

        Assert.True(joined.ExitCode == 0, joined.ToString());
        Assert.Contains("Joined the PostgreSQL database", joined.Output, StringComparison.Ordinal);
        Assert.Contains("delete the copy " + copy, joined.Output, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.True(JsonDocument.Parse(again.Output).RootElement.GetProperty("joinedBefore").GetBoolean());
        Assert.Equal(key, await File.ReadAllBytesAsync(Path.Combine(second.Home, "audit.key")));

        // The two nodes take turns: each command finds the other's entries past its head, verifies and follows them.
        for (var round = 0; round < 3; round++)
        {
            runs.Add(await first.RunAsync("alerts", "rules", "--off", "key.unused"));
            runs.Add(await second.RunAsync("alerts", "rules", "--on", "key.unused"));
        }

        Assert.All(runs[3..], run => Assert.True(run.ExitCode == 0, run.ToString()));
        foreach (var node in new[] { first, second })
        {
            var verified = await node.RunAsync("audit", "--verify", "--json");
            runs.Add(verified);
            Assert.True(verified.ExitCode == 0, verified.ToString());
            Assert.Equal(await CountAsync("SELECT COUNT(*) FROM audit_entries"), JsonDocument.Parse(verified.Output).RootElement.GetProperty("entriesChecked").GetInt64());
        }

        var log = await second.RunAsync("audit", "--limit", "100");
        runs.Add(log);
        Assert.Contains("audit.node_joined", log.Output, StringComparison.Ordinal);

        // Each node's head is at its last command's entry: cutting the last two entries goes below both.
        var last = await CountAsync("SELECT MAX(sequence) FROM audit_entries");
        Assert.Equal(2, await ExecuteAsync($"DELETE FROM audit_entries WHERE sequence > {last - 2}"));
        foreach (var node in new[] { first, second })
        {
            var cut = await node.RunAsync("audit", "--verify");
            runs.Add(cut);
            Assert.True(cut.ExitCode == ExitCodes.AuditProblem, cut.ToString());
            Assert.Contains("entries were cut from its end", cut.Output, StringComparison.Ordinal);
        }

        var hex = Convert.ToHexString(key.AsSpan(5));
        var base64 = Convert.ToBase64String(key.AsSpan(5));
        Assert.All(runs, run => Assert.False(
            (run.Output + run.Error).Contains(hex, StringComparison.OrdinalIgnoreCase) || (run.Output + run.Error).Contains(base64, StringComparison.Ordinal),
            "the audit key was printed"));
    }

    [Fact]
    public async Task A_join_is_refused_with_another_key_over_a_broken_chain_into_a_directory_with_its_own_key_and_on_SQLite()
    {
        using var first = new CliWorld(fixture.Simulator, Postgres);
        using var second = new CliWorld(fixture.Simulator, Postgres);
        using var other = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await first.RunAsync("init")).ExitCode);
        Assert.Equal(0, (await other.RunAsync("init")).ExitCode);
        var firstKey = CopyKey(first.Home, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var otherKey = CopyKey(other.Home, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var wrongKey = await second.RunAsync("join-node", "--audit-key", otherKey);
        var onSqlite = await other.RunAsync("join-node", "--audit-key", firstKey);
        var ownKey = await KeyfolioProcess.RunAsync(other.Home, null, Postgres, "join-node", "--audit-key", firstKey);
        await ExecuteAsync("UPDATE audit_entries SET outcome = 'rewritten' WHERE sequence = 1");
        var broken = await second.RunAsync("join-node", "--audit-key", firstKey);

        Assert.True(wrongKey.ExitCode == ExitCodes.Usage, wrongKey.ToString());
        Assert.Contains("does not verify the audit log in the PostgreSQL database", wrongKey.Error, StringComparison.Ordinal);
        Assert.Contains("Fix: Copy audit.key from the data directory of a node", wrongKey.Error, StringComparison.Ordinal);
        Assert.True(onSqlite.ExitCode == ExitCodes.Usage, onSqlite.ToString());
        Assert.Contains("nodes join a PostgreSQL database only", onSqlite.Error, StringComparison.Ordinal);
        Assert.True(ownKey.ExitCode == ExitCodes.Conflict, ownKey.ToString());
        Assert.Contains("already holds an audit key or chain head", ownKey.Error, StringComparison.Ordinal);
        Assert.True(broken.ExitCode == ExitCodes.AuditProblem, broken.ToString());
        Assert.Contains("Entry 1 does not match its MAC", broken.Error, StringComparison.Ordinal);
        Assert.Contains("keyfolio audit --verify", broken.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(second.Home, "audit.key")));
        Assert.Equal(await File.ReadAllBytesAsync(otherKey), await File.ReadAllBytesAsync(Path.Combine(other.Home, "audit.key")));
    }

    /// <summary>A copy of a data directory's audit.key beside it, with the given mode, as an operator would bring it over.</summary>
    private static string CopyKey(string home, UnixFileMode mode)
    {
        var copy = Path.Combine(home, "..", Path.GetFileName(home) + ".audit.key");
        File.Copy(Path.Combine(home, "audit.key"), copy, overwrite: true);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(copy, mode);
        }

        return Path.GetFullPath(copy);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Test statements are constants.")]
    private async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }
}
