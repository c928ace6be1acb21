using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Exchanges.Http;

/// <summary>
/// A request body that carries credentials (a client secret, a passphrase), written straight into a pinned buffer that
/// is zeroed when it grows and when the content is disposed, so the body never exists as a string. Form fields are
/// added with <see cref="AddField(string, ReadOnlySpan{byte})"/>; JSON is written through a <c>Utf8JsonWriter</c> over
/// this buffer writer.
/// </summary>
internal sealed class SensitiveContent : HttpContent, IBufferWriter<byte>
{
    private byte[] _buffer = GC.AllocateArray<byte>(512, pinned: true);
    private int _length;

    private SensitiveContent(MediaTypeHeaderValue contentType) => Headers.ContentType = contentType;

    public static SensitiveContent Form() => new(new MediaTypeHeaderValue("application/x-www-form-urlencoded"));

    public static SensitiveContent Json() => new(new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" });

    /// <summary>Appends <c>name=value</c>, percent-encoded as RFC 3986 encodes everything but unreserved characters.</summary>
    public SensitiveContent AddField(string name, ReadOnlySpan<byte> utf8Value)
    {
        if (_length > 0)
        {
            Append((byte)'&');
        }

        var nameBytes = Encoding.UTF8.GetBytes(name);
        PercentEncode(nameBytes);
        Append((byte)'=');
        PercentEncode(utf8Value);
        return this;
    }

    public SensitiveContent AddField(string name, string value) => AddField(name, Encoding.UTF8.GetBytes(value));

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _length);
        _length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(_length);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        CryptographicOperations.ZeroMemory(_buffer);
        _length = 0;
        base.Dispose(disposing);
    }

    private void PercentEncode(ReadOnlySpan<byte> utf8)
    {
        Reserve(utf8.Length * 3);
        foreach (var b in utf8)
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                _buffer[_length++] = b;
            }
            else
            {
                _buffer[_length++] = (byte)'%';
                _buffer[_length++] = "0123456789ABCDEF"u8[b >> 4];
                _buffer[_length++] = "0123456789ABCDEF"u8[b & 0xF];
            }
        }
    }

    private void Append(byte value)
    {
        Reserve(1);
        _buffer[_length++] = value;
    }

    private void Reserve(int size)
    {
        if (_buffer.Length - _length >= size)
        {
            return;
        }

        var larger = GC.AllocateArray<byte>(Math.Max(_buffer.Length * 2, _length + size), pinned: true);
        _buffer.AsSpan(0, _length).CopyTo(larger);
        CryptographicOperations.ZeroMemory(_buffer);
        _buffer = larger;
    }
}
