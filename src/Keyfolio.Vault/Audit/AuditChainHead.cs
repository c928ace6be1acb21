using System.Buffers.Binary;
using System.Security.Cryptography;
using Keyfolio.Vault.Storage;
using Microsoft.Win32.SafeHandles;

namespace Keyfolio.Vault.Audit;

/// <summary>
/// The chain head kept next to the audit key, outside the database: the entry count and the last MAC, so
/// cutting entries from the end of the log is caught. Two slots written alternately (by count parity), each
/// <c>"KFAH" | version 1 | count 8 | last MAC 32 | key check 8 | HMAC 32</c>; a torn write spoils one slot
/// and the other still holds the previous head.
/// </summary>
internal sealed class AuditChainHead : IDisposable
{
    public const string FileName = "audit.head";

    private const byte Version = 1;
    private const int KeyCheckSize = 8;
    private const int BodySize = 4 + 1 + 8 + AuditChainMac.Size + KeyCheckSize;
    private const int SlotSize = BodySize + 32;

    private readonly SafeFileHandle _file;
    private readonly byte[] _macKey;
    private readonly byte[] _keyCheck;

    private AuditChainHead(SafeFileHandle file, byte[] macKey, byte[] keyCheck)
    {
        _file = file;
        _macKey = macKey;
        _keyCheck = keyCheck;
    }

    private static ReadOnlySpan<byte> Magic => "KFAH"u8;

    /// <summary>Opens the head file, creating it empty when absent.</summary>
    public static AuditChainHead Open(string path, ReadOnlySpan<byte> auditKey)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyMode.File;
        }

        var handle = File.OpenHandle(path, options.Mode, options.Access, options.Share, FileOptions.None, 0);
        var macKey = new byte[32];
        HKDF.Expand(HashAlgorithmName.SHA256, auditKey, macKey, "keyfolio/audit/head/v1"u8);
        var keyCheck = new byte[KeyCheckSize];
        HMACSHA256.HashData(auditKey, "keyfolio/audit/key-check/v1"u8)[..KeyCheckSize].CopyTo(keyCheck, 0);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(handle, OwnerOnlyMode.File);
        }

        return new AuditChainHead(handle, macKey, keyCheck);
    }

    /// <summary>
    /// The newest valid slot, or the problem: <see cref="AuditProblem.KeyReplaced"/> when slots were written
    /// under another key, <see cref="AuditProblem.HeadDamaged"/> when none is valid. Once two heads have been
    /// written both slots should be valid; <see cref="HeadState.OtherSlotInvalid"/> says one is not, which is
    /// innocent only when the log has grown past the valid slot (a torn write).
    /// </summary>
    public HeadState Read()
    {
        var bytes = new byte[SlotSize * 2];
        var read = RandomAccess.Read(_file, bytes, 0);
        if (read == 0)
        {
            return new HeadState(0, AuditChainMac.Genesis.ToArray(), null, OtherSlotInvalid: false, IsEmpty: true);
        }

        var counts = new long?[2];
        var macs = new byte[2][];
        var otherKey = false;
        Span<byte> mac = stackalloc byte[32];
        for (var slot = 0; slot < 2; slot++)
        {
            var span = bytes.AsSpan(slot * SlotSize, SlotSize);
            if (!span[..Magic.Length].SequenceEqual(Magic))
            {
                continue;
            }

            if (!span.Slice(BodySize - KeyCheckSize, KeyCheckSize).SequenceEqual(_keyCheck))
            {
                otherKey = true;
                continue;
            }

            HMACSHA256.HashData(_macKey, span[..BodySize], mac);
            var count = BinaryPrimitives.ReadInt64BigEndian(span.Slice(5, 8));
            if (span[4] == Version && CryptographicOperations.FixedTimeEquals(mac, span[BodySize..]) && count % 2 == slot)
            {
                counts[slot] = count;
                macs[slot] = span.Slice(13, AuditChainMac.Size).ToArray();
            }
        }

        if (counts[0] is null && counts[1] is null)
        {
            return new HeadState(0, AuditChainMac.Genesis.ToArray(), otherKey ? AuditProblem.KeyReplaced : AuditProblem.HeadDamaged, OtherSlotInvalid: true, IsEmpty: false);
        }

        var best = (counts[0] ?? -1) > (counts[1] ?? -1) ? 0 : 1;
        var bestCount = counts[best]!.Value;
        return new HeadState(bestCount, macs[best], null, OtherSlotInvalid: bestCount >= 2 && counts[1 - best] is null, IsEmpty: false);
    }

    public void Write(long count, ReadOnlySpan<byte> lastMac)
    {
        Span<byte> slot = stackalloc byte[SlotSize];
        Magic.CopyTo(slot);
        slot[4] = Version;
        BinaryPrimitives.WriteInt64BigEndian(slot.Slice(5, 8), count);
        lastMac.CopyTo(slot.Slice(13, AuditChainMac.Size));
        _keyCheck.CopyTo(slot.Slice(BodySize - KeyCheckSize, KeyCheckSize));
        HMACSHA256.HashData(_macKey, slot[..BodySize], slot[BodySize..]);
        RandomAccess.Write(_file, slot, (count % 2) * SlotSize);
    }

    public void Dispose()
    {
        _file.Dispose();
        CryptographicOperations.ZeroMemory(_macKey);
    }

    /// <summary>A head read from the file: count and last MAC, or the problem that made it unreadable.</summary>
    public sealed record HeadState(long Count, byte[] LastMac, AuditProblem? Problem, bool OtherSlotInvalid, bool IsEmpty)
    {
        /// <summary>A head that bounds nothing, for a chain checked against itself alone (a node joining, which has none yet).</summary>
        public static HeadState Unbounded => new(0, AuditChainMac.Genesis.ToArray(), null, OtherSlotInvalid: false, IsEmpty: false);
    }
}
