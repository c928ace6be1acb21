using System.Buffers.Binary;
using System.Text;

namespace Keyfolio.Vault.Formats;

/// <summary>Writes big-endian fields into a buffer sized in advance (so secrets are never copied by growth).</summary>
internal ref struct SpanWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private int _position;

    public void WriteByte(byte value) => Take(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Take(2), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Take(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Take(8), value);

    public void WriteGuid(Guid value) => value.TryWriteBytes(Take(16), bigEndian: true, out _);

    public void WriteBytes(ReadOnlySpan<byte> value) => value.CopyTo(Take(value.Length));

    public void WriteString16(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteUInt16(checked((ushort)length));
        Encoding.UTF8.GetBytes(value, Take(length));
    }

    public void WriteBytes32(ReadOnlySpan<byte> value)
    {
        WriteUInt32((uint)value.Length);
        WriteBytes(value);
    }

    public static int String16Size(string value) => 2 + Encoding.UTF8.GetByteCount(value);

    public static int Bytes32Size(int length) => 4 + length;

    public Span<byte> Take(int count)
    {
        var slice = _destination.Slice(_position, count);
        _position += count;
        return slice;
    }
}
