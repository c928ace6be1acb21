using Keyfolio.Testing;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Tests.TestStores;

namespace Keyfolio.Vault.Tests.Audit;

/// <summary>
/// Several data directories (nodes) over one store: a node joins with a copy of the first node's key, each keeps a head
/// of its own, and a head left behind by the others' entries is caught up, while entries cut or rewritten below it are
/// still caught.
/// </summary>
public sealed class AuditNodeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("keyfolio-audit-nodes-").FullName;
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private string First => Path.Combine(_root, "first");

    private string Second => Path.Combine(_root, "second");

    private FileAuditStore Store => new(Path.Combine(_root, "entries.jsonl"));

    [Fact]
    public async Task A_node_joined_with_the_first_nodes_key_appends_between_the_first_nodes_entries_and_both_verify_the_chain()
    {
        using var first = await FirstNodeAsync(entries: 3);

        var joined = await JoinAsync(Second, await KeyFileAsync(First));
        using var second = joined.Log;

        Assert.True(joined.Verification.IsIntact, joined.Verification.Summary);
        Assert.Equal(3, joined.Verification.EntriesChecked);
        Assert.False(joined.HadJoined);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(First, AuditLog.KeyFileName)), await File.ReadAllBytesAsync(Path.Combine(Second, AuditLog.KeyFileName)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Second, AuditLog.KeyFileName)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Second, AuditLog.HeadFileName)));
        }

        Assert.Empty(Directory.GetFiles(Second, "*.partial"));
        for (var round = 0; round < 3; round++)
        {
            // Each node's in-memory end is behind after the other's append: the append catches up and retries.
            await second.AppendAsync(new AuditEvent("second", AuditAction.VaultUnlocked));
            await first.AppendAsync(new AuditEvent("first", AuditAction.VaultLocked));
        }

        Assert.Equal(9, first.Count);
        Assert.Equal(8, second.Count); // as far as it has seen: it catches up at its next append
        Assert.True((await first.VerifyAsync()).IsIntact);
        Assert.True((await second.VerifyAsync()).IsIntact);
        Assert.Equal(string.Join(",", Enumerable.Range(1, 9)), string.Join(",", (await ReadAllAsync()).Select(r => r.Sequence)));
    }

    [Fact]
    public async Task A_node_whose_head_is_behind_the_others_entries_opens_and_verifies_them()
    {
        await TwoNodesAsync(entries: 2);
        await AppendOnAsync(First, [.. Enumerable.Repeat(AuditAction.ExchangeCall, 5)]);

        using var second = await AuditLog.OpenAsync(Second, Store, _time);

        Assert.Null(second.BlockedBy);
        Assert.Equal(7, second.Count);
        await second.AppendAsync(new AuditEvent("second", AuditAction.VaultLocked));
        Assert.True((await second.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task A_full_verification_moves_the_head_to_the_entries_another_node_appended_so_a_cut_of_them_is_caught()
    {
        await TwoNodesAsync(entries: 2);
        using var second = await AuditLog.OpenAsync(Second, Store, _time);
        await AppendOnAsync(First, AuditAction.VaultUnlocked, AuditAction.VaultLocked);

        Assert.Equal(2, second.Count);
        Assert.True((await second.VerifyAsync()).IsIntact);
        Assert.Equal(4, second.Count);

        Store.Rewrite(records => records.Where(r => r.Sequence <= 3));
        Assert.Equal(AuditProblem.Truncated, (await second.VerifyAsync()).Problem);
    }

    [Fact]
    public async Task Entries_cut_below_a_nodes_head_are_caught_by_that_node_even_after_the_other_appended_past_it()
    {
        await TwoNodesAsync(entries: 4);
        await AppendOnAsync(Second, AuditAction.VaultUnlocked, AuditAction.VaultLocked);

        // The second node's head is at 6: entries 5 and 6 are cut, and the first node (head at 4) writes new ones there.
        Store.Rewrite(records => records.Where(r => r.Sequence <= 4));
        using (var first = await AuditLog.OpenAsync(First, Store, _time))
        {
            Assert.Null(first.BlockedBy);
            await first.AppendAsync(new AuditEvent("first", AuditAction.VaultUnlocked));
            Assert.Null(first.BlockedBy);
        }

        using (var cut = await AuditLog.OpenAsync(Second, Store, _time))
        {
            Assert.Equal(AuditProblem.Truncated, cut.BlockedBy?.Problem);
        }

        await AppendOnAsync(First, AuditAction.VaultLocked, AuditAction.VaultUnlocked);

        using var rewritten = await AuditLog.OpenAsync(Second, Store, _time);
        Assert.Equal(AuditProblem.TailReplaced, rewritten.BlockedBy?.Problem);
        await Assert.ThrowsAsync<AuditLogException>(() => rewritten.AppendAsync(new AuditEvent("second", AuditAction.VaultLocked)));
    }

    [Fact]
    public async Task An_entry_edited_at_a_nodes_head_is_caught_when_the_log_has_grown_past_it()
    {
        await TwoNodesAsync(entries: 3);
        await AppendOnAsync(First, AuditAction.VaultLocked);

        // Entry 3 is the second node's head; entry 4 was chained from its MAC, which is left as it was.
        Store.Rewrite(records => records.Select(r => r.Sequence == 3 ? r with { Actor = "forger" } : r));

        using var second = await AuditLog.OpenAsync(Second, Store, _time);

        Assert.Equal(AuditProblem.EntryAltered, second.BlockedBy?.Problem);
        Assert.Equal(3, second.BlockedBy?.FirstBadSequence);
    }

    [Fact]
    public async Task Another_installations_key_is_refused_and_nothing_is_installed()
    {
        (await FirstNodeAsync(entries: 2)).Dispose();
        var other = Path.Combine(_root, "other");
        (await AuditLog.OpenAsync(other, new FileAuditStore(Path.Combine(_root, "other.jsonl")), _time)).Dispose();

        var refused = await Assert.ThrowsAsync<AuditJoinException>(async () => await JoinAsync(Second, await KeyFileAsync(other)));

        Assert.Equal(AuditJoinRefusal.KeyDoesNotMatch, refused.Refusal);
        Assert.False(File.Exists(Path.Combine(Second, AuditLog.KeyFileName)));
    }

    [Fact]
    public async Task A_broken_chain_is_refused_naming_the_entry_and_a_file_that_is_not_a_key_is_refused()
    {
        (await FirstNodeAsync(entries: 4)).Dispose();
        Store.Rewrite(records => records.Where(r => r.Sequence != 2));

        var broken = await Assert.ThrowsAsync<AuditJoinException>(async () => await JoinAsync(Second, await KeyFileAsync(First)));
        var notAKey = await Assert.ThrowsAsync<AuditJoinException>(async () => await JoinAsync(Second, new byte[37]));

        Assert.Equal(AuditJoinRefusal.ChainBroken, broken.Refusal);
        Assert.Equal((AuditProblem.EntryMissing, 2L), (broken.Verification!.Problem!.Value, broken.Verification.FirstBadSequence!.Value));
        Assert.Equal(AuditJoinRefusal.NotAKeyFile, notAKey.Refusal);
        Assert.False(File.Exists(Path.Combine(Second, AuditLog.KeyFileName)));
    }

    [Fact]
    public async Task A_data_directory_with_a_key_of_its_own_and_an_empty_log_are_refused()
    {
        var fresh = await KeyFileOfAsync(Path.Combine(_root, "fresh"));
        var empty = await Assert.ThrowsAsync<AuditJoinException>(() => JoinAsync(Second, fresh));
        Assert.Equal(AuditJoinRefusal.EmptyLog, empty.Refusal);
        Assert.Empty(Directory.GetFiles(Second));

        (await FirstNodeAsync(entries: 1)).Dispose();
        var own = Path.Combine(_root, "own");
        (await AuditLog.OpenAsync(own, new FileAuditStore(Path.Combine(_root, "own.jsonl")), _time)).Dispose();
        var ownKey = await File.ReadAllBytesAsync(Path.Combine(own, AuditLog.KeyFileName));

        var taken = await Assert.ThrowsAsync<AuditJoinException>(async () => await JoinAsync(own, await KeyFileAsync(First)));

        Assert.Equal(AuditJoinRefusal.OtherKeyInstalled, taken.Refusal);
        Assert.Equal(ownKey, await File.ReadAllBytesAsync(Path.Combine(own, AuditLog.KeyFileName)));
    }

    [Fact]
    public async Task Joining_again_keeps_the_nodes_head_as_its_bound()
    {
        (await FirstNodeAsync(entries: 3)).Dispose();
        var key = await KeyFileAsync(First);
        using (var joined = (await JoinAsync(Second, key)).Log)
        {
            await joined.AppendAsync(new AuditEvent("second", AuditAction.NodeJoined));
        }

        var again = await JoinAsync(Second, key);
        again.Log.Dispose();
        Assert.True(again.HadJoined);
        Assert.Equal(4, again.Verification.EntriesChecked);

        Store.Rewrite(records => records.Where(r => r.Sequence <= 3));
        var cut = await Assert.ThrowsAsync<AuditJoinException>(async () => await JoinAsync(Second, key));

        Assert.Equal(AuditJoinRefusal.ChainBroken, cut.Refusal);
        Assert.Equal(AuditProblem.Truncated, cut.Verification?.Problem);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task<byte[]> KeyFileAsync(string directory) => await File.ReadAllBytesAsync(Path.Combine(directory, AuditLog.KeyFileName));

    /// <summary>A key file of a log of its own, never written to: a key no store's entries were made with.</summary>
    private async Task<byte[]> KeyFileOfAsync(string directory)
    {
        (await AuditLog.OpenAsync(directory, new FileAuditStore(directory + ".jsonl"), _time)).Dispose();
        return await KeyFileAsync(directory);
    }

    private async Task<AuditLog> FirstNodeAsync(int entries)
    {
        var log = await AuditLog.OpenAsync(First, Store, _time);
        for (var i = 0; i < entries; i++)
        {
            await log.AppendAsync(new AuditEvent("first", i == 0 ? AuditAction.VaultCreated : AuditAction.VaultUnlocked));
        }

        return log;
    }

    /// <summary>A first node with that many entries, and the second joined to it; both logs closed.</summary>
    private async Task TwoNodesAsync(int entries)
    {
        (await FirstNodeAsync(entries)).Dispose();
        (await JoinAsync(Second, await KeyFileAsync(First))).Log.Dispose();
    }

    /// <summary>Opens the node's log, appends an entry of each action, and closes it, as one command on that node would.</summary>
    private async Task AppendOnAsync(string node, params AuditAction[] actions)
    {
        using var log = await AuditLog.OpenAsync(node, Store, _time);
        foreach (var action in actions)
        {
            await log.AppendAsync(new AuditEvent(Path.GetFileName(node), action));
        }
    }

    private Task<AuditJoin> JoinAsync(string directory, byte[] keyFile) => AuditLog.JoinAsync(directory, Store, keyFile, _time);

    private async Task<List<AuditRecord>> ReadAllAsync()
    {
        var records = new List<AuditRecord>();
        await foreach (var record in Store.ReadAsync(0, CancellationToken.None))
        {
            records.Add(record);
        }

        return records;
    }
}
