using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Keyfolio.Testing;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Storage;
using Keyfolio.Vault.Tests.TestStores;

namespace Keyfolio.Vault.Tests.Audit;

public sealed class AuditLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keyfolio-audit-test-").FullName;
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567));

    private FileAuditStore Store => new(Path.Combine(_directory, "entries.jsonl"));

    [Fact]
    public async Task The_key_and_head_files_are_readable_by_the_owner_only()
    {
        using var log = await AuditLog.OpenAsync(_directory, Store, _time);
        await log.AppendAsync(new AuditEvent("cli", AuditAction.VaultUnlocked));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, OwnerOnlyMode.File);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, "audit.key")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, "audit.head")));
        }

        Assert.Equal(37, new FileInfo(Path.Combine(_directory, "audit.key")).Length);
    }

    [Fact]
    public async Task A_key_file_left_readable_by_others_is_restricted_again_on_open()
    {
        (await AuditLog.OpenAsync(_directory, Store, _time)).Dispose();
        var keyPath = Path.Combine(_directory, "audit.key");
        const UnixFileMode LeftOpen = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, LeftOpen);
        }

        using var log = await AuditLog.OpenAsync(_directory, Store, _time);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, OwnerOnlyMode.Tightened(LeftOpen, OwnerOnlyMode.File));
        Assert.Null(OwnerOnlyMode.Tightened(UnixFileMode.UserRead | UnixFileMode.UserWrite, OwnerOnlyMode.File));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        }
    }

    [Fact]
    public async Task Each_MAC_is_HMAC_SHA256_of_the_previous_MAC_and_the_documented_canonical_entry()
    {
        using var log = await AuditLog.OpenAsync(_directory, Store, _time);
        var first = await log.AppendAsync(new AuditEvent("web 127.0.0.1", AuditAction.VaultUnlocked));
        var second = await log.AppendAsync(new AuditEvent("sync", AuditAction.ExchangeCall)
        {
            ConnectionId = "c-7",
            KeyFingerprint = "00112233aabbccdd",
            Endpoint = "/api/v5/account/balance",
            Outcome = "ok",
            Duration = TimeSpan.FromTicks(1_234_567),
        });
        var key = (await File.ReadAllBytesAsync(Path.Combine(_directory, "audit.key")))[5..];

        var expectedFirst = HMACSHA256.HashData(key, new byte[32].Concat(Canonical(first)).ToArray());
        var expectedSecond = HMACSHA256.HashData(key, expectedFirst.Concat(Canonical(second)).ToArray());

        Assert.Equal(expectedFirst, first.Mac);
        Assert.Equal(expectedSecond, second.Mac);
    }

    [Fact]
    public async Task Times_and_durations_are_kept_to_the_microsecond_in_UTC()
    {
        using var log = await AuditLog.OpenAsync(_directory, Store, _time);

        var record = await log.AppendAsync(new AuditEvent("sync", AuditAction.ExchangeCall) { Duration = TimeSpan.FromTicks(15) });

        Assert.Equal(_time.GetUtcNow().UtcTicks - 7, record.Time.UtcTicks);
        Assert.Equal(TimeSpan.Zero, record.Time.Offset);
        Assert.Equal(TimeSpan.FromTicks(10), record.Duration);
    }

    [Theory]
    [InlineData("/api/v3/account?timestamp=1&signature=abc")]
    [InlineData("/api/v3/account\n")]
    public async Task An_endpoint_with_a_query_string_or_control_characters_is_refused_and_nothing_is_written(string endpoint)
    {
        using var log = await AuditLog.OpenAsync(_directory, Store, _time);

        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(new AuditEvent("sync", AuditAction.ExchangeCall) { Endpoint = endpoint }));

        Assert.Null(await Store.ReadLastAsync(CancellationToken.None));
        Assert.Equal(0, log.Count);
    }

    [Fact]
    public async Task An_overlong_field_is_refused()
    {
        using var log = await AuditLog.OpenAsync(_directory, Store, _time);

        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(new AuditEvent(new string('a', AuditLog.MaxFieldLength + 1), AuditAction.VaultLocked)));
    }

    [Fact]
    public async Task A_fingerprint_is_sixteen_hex_digits_stable_per_key_and_differs_between_keys_and_installations()
    {
        using var log = await AuditLog.OpenAsync(_directory, Store, _time);
        var otherDirectory = Directory.CreateTempSubdirectory("keyfolio-audit-other-").FullName;
        try
        {
            using var other = await AuditLog.OpenAsync(otherDirectory, new FileAuditStore(Path.Combine(otherDirectory, "e.jsonl")), _time);

            var fingerprint = log.Fingerprint("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A");

            Assert.Matches("^[0-9a-f]{16}$", fingerprint);
            Assert.Equal(fingerprint, log.Fingerprint("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"));
            Assert.Equal(fingerprint, log.Fingerprint("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"u8));
            Assert.NotEqual(fingerprint, log.Fingerprint("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8B"));
            Assert.NotEqual(fingerprint, other.Fingerprint("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"));
            Assert.DoesNotContain(fingerprint, Convert.ToHexStringLower(SHA256.HashData("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"u8)), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(otherDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task An_entry_written_just_before_a_crash_that_missed_the_head_is_verified_and_adopted()
    {
        var headPath = Path.Combine(_directory, "audit.head");
        using (var log = await AuditLog.OpenAsync(_directory, Store, _time))
        {
            await log.AppendAsync(new AuditEvent("cli", AuditAction.VaultUnlocked));
            await log.AppendAsync(new AuditEvent("cli", AuditAction.CredentialAdded));
            var headBefore = await File.ReadAllBytesAsync(headPath);
            await log.AppendAsync(new AuditEvent("cli", AuditAction.VaultLocked));
            await File.WriteAllBytesAsync(headPath, headBefore);
        }

        using var reopened = await AuditLog.OpenAsync(_directory, Store, _time);
        await reopened.AppendAsync(new AuditEvent("cli", AuditAction.VaultUnlocked));

        Assert.Null(reopened.BlockedBy);
        Assert.Equal(4, reopened.Count);
        var verification = await reopened.VerifyAsync();
        Assert.True(verification.IsIntact, verification.Summary);
        Assert.Equal("The audit log is intact: 4 entries verified.", verification.Summary);
    }

    [Fact]
    public async Task A_forged_entry_appended_past_the_head_blocks_the_log()
    {
        using (var log = await AuditLog.OpenAsync(_directory, Store, _time))
        {
            await log.AppendAsync(new AuditEvent("cli", AuditAction.VaultUnlocked));
        }

        var forged = (await Store.ReadLastAsync(CancellationToken.None))! with { Sequence = 2, Actor = "forger" };
        await Store.TryAppendAsync(forged, CancellationToken.None);

        using var reopened = await AuditLog.OpenAsync(_directory, Store, _time);

        Assert.Equal(AuditProblem.EntryAltered, reopened.BlockedBy?.Problem);
        Assert.Equal(2, reopened.BlockedBy?.FirstBadSequence);
        await Assert.ThrowsAsync<AuditLogException>(() => reopened.AppendAsync(new AuditEvent("cli", AuditAction.VaultLocked)));
    }

    [Fact]
    public async Task An_empty_log_verifies_as_intact()
    {
        using var log = await AuditLog.OpenAsync(_directory, Store, _time);

        var verification = await log.VerifyAsync();

        Assert.True(verification.IsIntact);
        Assert.Equal(0, verification.EntriesChecked);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The canonical bytes as docs/security.md lays them out, built independently of the vault's encoder.</summary>
    private static byte[] Canonical(AuditRecord record)
    {
        var bytes = new List<byte> { 1 };
        bytes.AddRange(BigEndian(record.Sequence));
        bytes.AddRange(BigEndian((record.Time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10));
        AddString(record.Actor);
        AddString(AuditActionCodes.ToCode(record.Action));
        foreach (var optional in new[] { record.ConnectionId, record.KeyFingerprint, record.Endpoint, record.Outcome })
        {
            bytes.Add(optional is null ? (byte)0 : (byte)1);
            if (optional is not null)
            {
                AddString(optional);
            }
        }

        bytes.Add(record.Duration is null ? (byte)0 : (byte)1);
        if (record.Duration is { } duration)
        {
            bytes.AddRange(BigEndian(duration.Ticks / 10));
        }

        return [.. bytes];

        void AddString(string value)
        {
            var utf8 = Encoding.UTF8.GetBytes(value);
            bytes.Add((byte)(utf8.Length >> 8));
            bytes.Add((byte)utf8.Length);
            bytes.AddRange(utf8);
        }

        static byte[] BigEndian(long value)
        {
            var buffer = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(buffer, value);
            return buffer;
        }
    }
}
