using System.Buffers.Binary;
using System.Text;

namespace Keyfolio.Vault.Formats;

/// <summary>
/// Reads big-endian fields from stored bytes. Running past the end means the data is truncated or damaged,
/// reported as <see cref="VaultErrorKind.Corrupted"/> naming what was being read.
/// </summary>
internal ref struct SpanReader(ReadOnlySpan<byte> source, string what)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _source = source;
    private int _position;

    public readonly int Position => _position;

    public readonly int Remaining => _source.Length - _position;

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public Guid ReadGuid() => new(Take(16), bigEndian: true);

    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    /// <summary>A UTF-8 string with a 16-bit length prefix.</summary>
    public string ReadString16()
    {
        var bytes = Take(ReadUInt16());
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Damaged();
        }
    }

    /// <summary>Bytes with a 32-bit length prefix.</summary>
    public ReadOnlySpan<byte> ReadBytes32()
    {
        var length = ReadUInt32();
        return length > int.MaxValue ? throw Damaged() : Take((int)length);
    }

    public readonly void EnsureEnd()
    {
        if (Remaining != 0)
        {
            throw Damaged();
        }
    }

    public readonly VaultException Damaged() =>
        new(VaultErrorKind.Corrupted, $"The {what} is damaged or truncated; it cannot be read.");

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw Damaged();
        }

        var slice = _source.Slice(_position, count);
        _position += count;
        return slice;
    }
}
