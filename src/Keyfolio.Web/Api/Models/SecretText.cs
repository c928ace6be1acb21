using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keyfolio.Web.Api.Models;

/// <summary>
/// A write-only field of a request body — an exchange secret, a passphrase, the master password — read from the JSON
/// straight into a pinned buffer that <see cref="Dispose"/> zeroes. It never becomes a <see cref="string"/>, which
/// could not be wiped and would stay in the server's memory long after the vault locks. The OpenAPI document
/// describes it as a write-only string; it cannot be written back into an answer.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed class SecretText : IDisposable
{
    /// <summary>The longest value accepted: far above any exchange secret or sensible password, far below a body limit.</summary>
    public const int MaxLength = 4096;

    /// <summary>The error a value that is not a JSON string gives (worded as the serializer's own conversion errors).</summary>
    internal const string NotAString = "The JSON value could not be converted to a string.";

    /// <summary>The error a value longer than <see cref="MaxLength"/> gives.</summary>
    internal const string TooLong = "The value is longer than 4096 characters.";

    private readonly char[] _buffer;
    private readonly int _length;
    private bool _disposed;

    private SecretText(char[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>The characters as sent; empty once disposed.</summary>
    public ReadOnlySpan<char> Span => _disposed ? default : _buffer.AsSpan(0, _length);

    /// <summary>The characters as sent, for a call that outlives a stack frame; valid until <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<char> Memory => _disposed ? default : _buffer.AsMemory(0, _length);

    public bool IsEmpty => Span.IsEmpty;

    /// <summary>The characters of <paramref name="secret"/>, or none when the field was absent.</summary>
    public static ReadOnlySpan<char> Of(SecretText? secret) => secret is null ? default : secret.Span;

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Zero(_buffer);
        }
    }

    /// <summary>Takes over a pinned buffer holding <paramref name="length"/> characters (read from a form); disposing zeroes it.</summary>
    internal static SecretText Adopt(char[] pinnedBuffer, int length)
    {
        ArgumentNullException.ThrowIfNull(pinnedBuffer);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Math.Min(pinnedBuffer.Length, MaxLength));
        return new SecretText(pinnedBuffer, length);
    }

    /// <summary>Zeroes a buffer that held a secret's characters.</summary>
    internal static void Zero(char[] buffer) =>
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(buffer.AsSpan()));

    public override string ToString() => "***";

    /// <summary>Reads a JSON string into a pinned buffer without making a string of it; refuses to write one.</summary>
    public sealed class Converter : JsonConverter<SecretText>
    {
        public override SecretText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException(NotAString);
            }

            // A UTF-8 byte or an escape sequence gives at most one UTF-16 character, so the encoded length bounds it.
            var encoded = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
            if (encoded > MaxLength * 6L)
            {
                throw new JsonException(TooLong);
            }

            var buffer = GC.AllocateArray<char>((int)encoded, pinned: true);
            var length = reader.CopyString(buffer);
            if (length > MaxLength)
            {
                Zero(buffer);
                throw new JsonException(TooLong);
            }

            return new SecretText(buffer, length);
        }

        public override void Write(Utf8JsonWriter writer, SecretText value, JsonSerializerOptions options) =>
            throw new NotSupportedException("A secret is write-only: Keyfolio never sends one back.");
    }
}
