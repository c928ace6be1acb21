using System.Buffers;
using System.Text;
using Keyfolio.Vault.Formats;

namespace Keyfolio.Vault.Audit;

/// <summary>
/// The canonical bytes of an audit entry, version 1 — big-endian, strings as UTF-8 with a 16-bit length:
/// <c>version 1 | sequence 8 | time (Unix µs) 8 | actor | action code | connection id? | key fingerprint? |
/// endpoint? | outcome? | duration (µs)?</c>, where an optional field is a presence byte (0 or 1) followed by
/// the value when present. Each field has one encoding, so equal entries have equal bytes.
/// </summary>
internal static class AuditCanonicalEncoding
{
    public const byte Version = 1;

    public static long ToUnixMicroseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromUnixMicroseconds(long microseconds) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (microseconds * 10), TimeSpan.Zero);

    /// <summary>Writes the canonical bytes of <paramref name="record"/> into a pooled buffer the caller returns.</summary>
    public static byte[] Rent(AuditRecord record, out int length)
    {
        length = 1 + 8 + 8
            + SpanWriter.String16Size(record.Actor)
            + SpanWriter.String16Size(AuditActionCodes.ToCode(record.Action))
            + OptionalSize(record.ConnectionId)
            + OptionalSize(record.KeyFingerprint)
            + OptionalSize(record.Endpoint)
            + OptionalSize(record.Outcome)
            + 1 + (record.Duration is null ? 0 : 8);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        var writer = new SpanWriter(buffer);
        writer.WriteByte(Version);
        writer.WriteInt64(record.Sequence);
        writer.WriteInt64(ToUnixMicroseconds(record.Time));
        writer.WriteString16(record.Actor);
        writer.WriteString16(AuditActionCodes.ToCode(record.Action));
        WriteOptional(ref writer, record.ConnectionId);
        WriteOptional(ref writer, record.KeyFingerprint);
        WriteOptional(ref writer, record.Endpoint);
        WriteOptional(ref writer, record.Outcome);
        if (record.Duration is { } duration)
        {
            writer.WriteByte(1);
            writer.WriteInt64(duration.Ticks / 10);
        }
        else
        {
            writer.WriteByte(0);
        }

        return buffer;
    }

    private static int OptionalSize(string? value) => 1 + (value is null ? 0 : 2 + Encoding.UTF8.GetByteCount(value));

    private static void WriteOptional(ref SpanWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteByte(0);
            return;
        }

        writer.WriteByte(1);
        writer.WriteString16(value);
    }
}
