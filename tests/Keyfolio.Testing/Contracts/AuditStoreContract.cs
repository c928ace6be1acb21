using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Storage;

namespace Keyfolio.Testing.Contracts;

/// <summary>
/// What the audit log needs from an <see cref="IAuditStore"/>, and proof that every kind of tampering with the
/// stored entries, the key file or the chain head is detected. Derive once per store implementation and
/// implement the tampering the way an attacker with write access to that storage would.
/// </summary>
public abstract class AuditStoreContract : IDisposable
{
    private readonly List<AuditLog> _opened = [];

    protected AuditStoreContract()
    {
        DataDirectory = Directory.CreateTempSubdirectory("keyfolio-audit-contract-").FullName;
    }

    /// <summary>A fresh directory for this test: the audit key and chain head go here, and may the store's files.</summary>
    protected string DataDirectory { get; }

    /// <summary>The audit store over this test's storage; each call sees everything committed so far.</summary>
    protected abstract IAuditStore OpenAuditStore();

    /// <summary>Rewrites the stored entry <paramref name="sequence"/> in place.</summary>
    protected abstract Task EditEntryAsync(long sequence, Func<AuditRecord, AuditRecord> edit);

    /// <summary>Deletes the stored entry <paramref name="sequence"/>.</summary>
    protected abstract Task DeleteEntryAsync(long sequence);

    /// <summary>Makes entries <paramref name="first"/> and <paramref name="second"/> trade places (their sequence numbers).</summary>
    protected abstract Task SwapEntriesAsync(long first, long second);

    /// <summary>Deletes every entry after the first <paramref name="keep"/>.</summary>
    protected abstract Task TruncateAsync(long keep);

    [Fact]
    public async Task Entries_read_back_exactly_as_appended_and_the_chain_verifies()
    {
        var log = await OpenLogAsync();
        var appended = await AppendSampleAsync(log, 6);

        var read = new List<AuditRecord>();
        await foreach (var record in OpenAuditStore().ReadAsync(0, CancellationToken.None))
        {
            read.Add(record);
        }

        Assert.Equal(appended.Count, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            Assert.Equal(appended[i] with { Mac = [] }, read[i] with { Mac = [] });
            Assert.Equal(appended[i].Mac, read[i].Mac);
        }

        var verification = await log.VerifyAsync();
        Assert.True(verification.IsIntact, verification.Summary);
        Assert.Equal(6, verification.EntriesChecked);
    }

    [Fact]
    public async Task The_store_refuses_a_second_entry_with_the_same_sequence_number()
    {
        var log = await OpenLogAsync();
        var appended = await AppendSampleAsync(log, 2);

        var duplicate = appended[1] with { Actor = "forger" };

        Assert.False(await OpenAuditStore().TryAppendAsync(duplicate, CancellationToken.None));
        Assert.Equal(appended[1].Actor, (await OpenAuditStore().ReadLastAsync(CancellationToken.None))!.Actor);
    }

    [Fact]
    public async Task Reading_after_a_sequence_number_streams_the_later_entries_in_order()
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 5);

        var sequences = new List<long>();
        await foreach (var record in OpenAuditStore().ReadAsync(2, CancellationToken.None))
        {
            sequences.Add(record.Sequence);
        }

        Assert.Equal([3L, 4L, 5L], sequences);
    }

    [Theory]
    [InlineData("time")]
    [InlineData("actor")]
    [InlineData("action")]
    [InlineData("connection")]
    [InlineData("fingerprint")]
    [InlineData("endpoint")]
    [InlineData("outcome")]
    [InlineData("duration")]
    [InlineData("mac")]
    public async Task Editing_any_field_of_an_entry_is_detected(string field)
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 5);

        await EditEntryAsync(3, record => field switch
        {
            "time" => record with { Time = record.Time.AddSeconds(-30) },
            "actor" => record with { Actor = "someone else" },
            "action" => record with { Action = AuditAction.VaultLocked },
            "connection" => record with { ConnectionId = "connection-9" },
            "fingerprint" => record with { KeyFingerprint = "ffffffffffffffff" },
            "endpoint" => record with { Endpoint = "/api/v3/other" },
            "outcome" => record with { Outcome = "ok-edited" },
            "duration" => record with { Duration = TimeSpan.FromMilliseconds(1) },
            _ => record with { Mac = [.. record.Mac[..^1], (byte)(record.Mac[^1] ^ 1)] },
        });
        var verification = await log.VerifyAsync();

        Assert.Equal(AuditProblem.EntryAltered, verification.Problem);
        Assert.Equal(3, verification.FirstBadSequence);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Deleting_an_entry_is_detected(long sequence)
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 5);

        await DeleteEntryAsync(sequence);
        var verification = await log.VerifyAsync();

        Assert.Equal(AuditProblem.EntryMissing, verification.Problem);
        Assert.Equal(sequence, verification.FirstBadSequence);
    }

    [Fact]
    public async Task Reordering_entries_is_detected()
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 5);

        await SwapEntriesAsync(2, 4);
        var verification = await log.VerifyAsync();

        Assert.Equal(AuditProblem.EntryAltered, verification.Problem);
        Assert.Equal(2, verification.FirstBadSequence);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(1)]
    [InlineData(0)]
    public async Task Cutting_entries_from_the_end_is_detected(long keep)
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 5);

        await TruncateAsync(keep);
        var verification = await log.VerifyAsync();

        Assert.Equal(AuditProblem.Truncated, verification.Problem);
        Assert.Equal(keep + 1, verification.FirstBadSequence);
    }

    [Fact]
    public async Task A_log_cut_from_the_end_refuses_new_entries_after_reopening()
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 4);
        await TruncateAsync(2);

        var reopened = await OpenLogAsync();
        var refusal = await Assert.ThrowsAsync<AuditLogException>(() => reopened.AppendAsync(new AuditEvent("cli", AuditAction.VaultUnlocked)));

        Assert.Equal(AuditProblem.Truncated, reopened.BlockedBy?.Problem);
        Assert.Equal(AuditProblem.Truncated, refusal.Problem);
        Assert.Equal(AuditProblem.Truncated, (await reopened.VerifyAsync()).Problem);
    }

    [Fact]
    public async Task A_blocked_log_resealed_by_decision_records_what_was_found_and_goes_on()
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 4);
        await TruncateAsync(2);
        var reopened = await OpenLogAsync();

        var resealed = await reopened.ResealAsync("admin");
        await reopened.AppendAsync(new AuditEvent("cli", AuditAction.VaultUnlocked));

        Assert.Equal((3L, AuditAction.ChainResealed, "Truncated at entry 3"), (resealed.Sequence, resealed.Action, resealed.Outcome));
        Assert.Null(reopened.BlockedBy);
        var verification = await (await OpenLogAsync()).VerifyAsync();
        Assert.True(verification.IsIntact, verification.Summary);
        Assert.Equal(4, verification.EntriesChecked);
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData("edited")]
    public async Task Damage_in_the_middle_found_by_a_full_walk_blocks_the_log_until_resealed(string damage)
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 5);
        if (damage == "deleted")
        {
            await DeleteEntryAsync(3);
        }
        else
        {
            await EditEntryAsync(3, record => record with { Outcome = "ok-edited" });
        }

        var reopened = await OpenLogAsync();
        var verification = await reopened.VerifyAsync();
        var refusal = await Assert.ThrowsAsync<AuditLogException>(() => reopened.AppendAsync(new AuditEvent("cli", AuditAction.VaultUnlocked)));

        var problem = damage == "deleted" ? AuditProblem.EntryMissing : AuditProblem.EntryAltered;
        Assert.Equal((problem, 3L), (verification.Problem!.Value, verification.FirstBadSequence!.Value));
        Assert.Equal(problem, reopened.BlockedBy?.Problem);
        Assert.Equal(problem, refusal.Problem);

        var resealed = await reopened.ResealAsync("admin");
        await reopened.AppendAsync(new AuditEvent("cli", AuditAction.VaultUnlocked));

        Assert.Equal((6L, $"{problem} at entry 3"), (resealed.Sequence, resealed.Outcome));
        var afterRestart = await OpenLogAsync();
        Assert.Null(afterRestart.BlockedBy);
        var again = await afterRestart.VerifyAsync();
        Assert.True(again.IsIntact, again.Summary);
        Assert.Contains("resealed at entry 6", again.Summary, StringComparison.Ordinal);
        Assert.Null(afterRestart.BlockedBy);
    }

    [Fact]
    public async Task A_full_walk_of_a_log_opened_intact_still_blocks_it_when_it_finds_damage()
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 4);
        var reopened = await OpenLogAsync();
        Assert.Null(reopened.BlockedBy);

        await DeleteEntryAsync(2);
        var verification = await reopened.VerifyAsync();

        Assert.Equal(AuditProblem.EntryMissing, verification.Problem);
        await Assert.ThrowsAsync<AuditLogException>(() => reopened.AppendAsync(new AuditEvent("cli", AuditAction.VaultUnlocked)));
    }

    [Fact]
    public async Task An_edited_last_entry_whose_MAC_was_left_as_it_was_blocks_the_log_at_open()
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 3);
        await log.AppendAsync(new AuditEvent("cli", AuditAction.CredentialRemoved) { ConnectionId = "connection-evidence" });

        await EditEntryAsync(4, record => record with { ConnectionId = "connection-innocent", Actor = "system" });
        var reopened = await OpenLogAsync();

        Assert.NotNull(reopened.BlockedBy);
        await Assert.ThrowsAsync<AuditLogException>(() => reopened.AppendAsync(new AuditEvent("cli", AuditAction.VaultUnlocked)));
        Assert.Equal(AuditProblem.EntryAltered, (await reopened.VerifyAsync()).Problem);
    }

    [Theory]
    [InlineData("entries cut from the end")]
    [InlineData("last entry edited")]
    [InlineData("entries swapped")]
    [InlineData("head deleted")]
    [InlineData("head spoiled")]
    [InlineData("key replaced")]
    public async Task Every_kind_of_break_can_be_resealed_after_which_the_log_verifies_and_goes_on(string damage)
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 4);
        log.Dispose();
        var headPath = Path.Combine(DataDirectory, "audit.head");
        switch (damage)
        {
            case "entries cut from the end":
                await TruncateAsync(2);
                break;
            case "last entry edited":
                await EditEntryAsync(4, record => record with { Outcome = "ok-edited" });
                break;
            case "entries swapped":
                await SwapEntriesAsync(2, 3);
                break;
            case "head deleted":
                File.Delete(headPath);
                break;
            case "head spoiled":
                var head = await File.ReadAllBytesAsync(headPath);
                head[20] ^= 0x01;
                head[(head.Length / 2) + 20] ^= 0x01;
                await File.WriteAllBytesAsync(headPath, head);
                break;
            default:
                var elsewhere = Directory.CreateTempSubdirectory("keyfolio-audit-other-").FullName;
                try
                {
                    (await AuditLog.OpenAsync(elsewhere, new EmptyAuditStore())).Dispose();
                    File.Copy(Path.Combine(elsewhere, "audit.key"), Path.Combine(DataDirectory, "audit.key"), overwrite: true);
                }
                finally
                {
                    Directory.Delete(elsewhere, recursive: true);
                }

                break;
        }

        var reopened = await OpenLogAsync();
        var found = await reopened.VerifyAsync();
        var resealed = await reopened.ResealAsync("admin");
        await reopened.AppendAsync(new AuditEvent("cli", AuditAction.VaultUnlocked));
        var afterRestart = await OpenLogAsync();
        var verification = await afterRestart.VerifyAsync();

        Assert.False(found.IsIntact);
        Assert.StartsWith(found.Problem.ToString()!, resealed.Outcome, StringComparison.Ordinal);
        Assert.Null(afterRestart.BlockedBy);
        Assert.True(verification.IsIntact, verification.Summary);
        await afterRestart.AppendAsync(new AuditEvent("cli", AuditAction.VaultLocked));
    }

    [Fact]
    public async Task A_reseal_accepts_the_entries_as_they_were_then_and_no_later_change_to_them()
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 5);
        await DeleteEntryAsync(3);
        var reopened = await OpenLogAsync();
        await reopened.VerifyAsync();
        await reopened.ResealAsync("admin");

        await EditEntryAsync(4, record => record with { Outcome = "ok-edited-after-the-reseal" });
        var verification = await (await OpenLogAsync()).VerifyAsync();

        Assert.False(verification.IsIntact);
    }

    [Fact]
    public async Task A_healthy_log_cannot_be_resealed()
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => log.ResealAsync("admin"));
    }

    [Fact]
    public async Task Replacing_the_audit_key_file_is_detected()
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 3);
        log.Dispose();
        var elsewhere = Directory.CreateTempSubdirectory("keyfolio-audit-other-").FullName;
        try
        {
            (await AuditLog.OpenAsync(elsewhere, new EmptyAuditStore())).Dispose();
            File.Copy(Path.Combine(elsewhere, "audit.key"), Path.Combine(DataDirectory, "audit.key"), overwrite: true);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }

        var reopened = await OpenLogAsync();
        var verification = await reopened.VerifyAsync();

        Assert.Equal(AuditProblem.KeyReplaced, verification.Problem);
        Assert.Equal(AuditProblem.KeyReplaced, reopened.BlockedBy?.Problem);
    }

    [Fact]
    public async Task A_missing_key_file_with_entries_stored_refuses_to_open()
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 2);
        log.Dispose();
        File.Delete(Path.Combine(DataDirectory, "audit.key"));

        var error = await Assert.ThrowsAsync<AuditLogException>(() => OpenLogAsync());

        Assert.Equal(AuditProblem.KeyMissing, error.Problem);
        Assert.False(File.Exists(Path.Combine(DataDirectory, "audit.key")));
    }

    [Fact]
    public async Task Deleting_the_chain_head_is_detected()
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 3);
        log.Dispose();
        File.Delete(Path.Combine(DataDirectory, "audit.head"));

        var reopened = await OpenLogAsync();

        Assert.Equal(AuditProblem.HeadMissing, reopened.BlockedBy?.Problem);
        Assert.Equal(AuditProblem.HeadMissing, (await reopened.VerifyAsync()).Problem);
    }

    [Fact]
    public async Task Cutting_the_last_entry_and_spoiling_the_newest_head_slot_is_detected()
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 4);
        log.Dispose();
        var headPath = Path.Combine(DataDirectory, "audit.head");
        var head = await File.ReadAllBytesAsync(headPath);
        head[(head.Length / 2) - 1] ^= 0xFF;
        await File.WriteAllBytesAsync(headPath, head);
        await TruncateAsync(3);

        var reopened = await OpenLogAsync();

        Assert.Equal(AuditProblem.HeadDamaged, (await reopened.VerifyAsync()).Problem);
        Assert.NotNull(reopened.BlockedBy);
    }

    [Fact]
    public async Task A_head_with_both_slots_spoiled_is_detected()
    {
        var log = await OpenLogAsync();
        await AppendSampleAsync(log, 4);
        log.Dispose();
        var headPath = Path.Combine(DataDirectory, "audit.head");
        var head = await File.ReadAllBytesAsync(headPath);
        head[20] ^= 0x01;
        head[(head.Length / 2) + 20] ^= 0x01;
        await File.WriteAllBytesAsync(headPath, head);

        var reopened = await OpenLogAsync();

        Assert.Equal(AuditProblem.HeadDamaged, (await reopened.VerifyAsync()).Problem);
        Assert.Equal(AuditProblem.HeadDamaged, reopened.BlockedBy?.Problem);
    }

    [Fact]
    public async Task The_chain_continues_across_reopening_and_across_two_writers()
    {
        var first = await OpenLogAsync();
        await AppendSampleAsync(first, 2);
        var second = await OpenLogAsync();

        await second.AppendAsync(new AuditEvent("web", AuditAction.VaultLocked));
        await first.AppendAsync(new AuditEvent("cli", AuditAction.VaultUnlocked));
        await second.AppendAsync(new AuditEvent("web", AuditAction.VaultLocked));
        var third = await OpenLogAsync();
        await third.AppendAsync(new AuditEvent("sync", AuditAction.ExchangeCall) { Endpoint = "/api/v3/account", Outcome = "ok" });

        var verification = await third.VerifyAsync();
        Assert.True(verification.IsIntact, verification.Summary);
        Assert.Equal(6, verification.EntriesChecked);
    }

    public void Dispose()
    {
        foreach (var log in _opened)
        {
            log.Dispose();
        }

        GC.SuppressFinalize(this);
        Directory.Delete(DataDirectory, recursive: true);
    }

    private async Task<AuditLog> OpenLogAsync()
    {
        var log = await AuditLog.OpenAsync(DataDirectory, OpenAuditStore());
        _opened.Add(log);
        return log;
    }

    private static async Task<List<AuditRecord>> AppendSampleAsync(AuditLog log, int count)
    {
        var appended = new List<AuditRecord>();
        for (var i = 0; i < count; i++)
        {
            appended.Add(await log.AppendAsync(new AuditEvent("sync", AuditAction.ExchangeCall)
            {
                ConnectionId = "connection-" + (i % 3),
                KeyFingerprint = log.Fingerprint("api-key-" + (i % 3)),
                Endpoint = "/api/v3/account",
                Outcome = i % 2 == 0 ? "ok" : "rate_limited",
                Duration = TimeSpan.FromMilliseconds(120 + i) + TimeSpan.FromTicks(7),
            }));
        }

        return appended;
    }

    /// <summary>A store with nothing in it, to mint an unrelated audit key.</summary>
    private sealed class EmptyAuditStore : IAuditStore
    {
        public Task<bool> TryAppendAsync(AuditRecord record, CancellationToken cancellationToken) => Task.FromResult(false);

        public async IAsyncEnumerable<AuditRecord> ReadAsync(long afterSequence, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield break;
        }

        public Task<AuditRecord?> ReadLastAsync(CancellationToken cancellationToken) => Task.FromResult<AuditRecord?>(null);
    }
}
