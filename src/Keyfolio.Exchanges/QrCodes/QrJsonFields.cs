using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Unicode;

namespace Keyfolio.Exchanges.QrCodes;

/// <summary>
/// The key, secret and passphrase of a QR code's JSON object: the first property of each, by any of its names (case
/// ignored), whose value is a string with more than white space. The JSON is read as UTF-8 from a pinned buffer and the
/// secret and passphrase copied into pinned buffers, all zeroed on <see cref="Dispose"/>; only the key becomes a string.
/// </summary>
internal sealed class QrJsonFields : IDisposable
{
    private static readonly string[] KeyNames = ["apiKey", "key", "api_key", "accessKey", "access_key"];
    private static readonly string[] SecretNames = ["secretKey", "secret", "apiSecret", "secret_key", "api_secret"];
    private static readonly string[] PassphraseNames = ["passphrase", "passPhrase", "password"];

    private char[] _secret = [];
    private int _secretLength;
    private char[] _passphrase = [];
    private int _passphraseLength;

    private QrJsonFields()
    {
    }

    /// <summary><see cref="QrPayloadFormat.Json"/>, or <see cref="QrPayloadFormat.Unrecognised"/> for text that is not a JSON object holding a key or a secret.</summary>
    public QrPayloadFormat Format { get; private set; } = QrPayloadFormat.Unrecognised;

    public string? Key { get; private set; }

    public ReadOnlySpan<char> Secret => _secret.AsSpan(0, _secretLength);

    public ReadOnlySpan<char> Passphrase => _passphrase.AsSpan(0, _passphraseLength);

    public static QrJsonFields Read(ReadOnlySpan<char> text)
    {
        var fields = new QrJsonFields();
        // A UTF-16 character gives at most three UTF-8 bytes.
        var utf8 = GC.AllocateArray<byte>(text.Length * 3, pinned: true);
        try
        {
            if (Utf8.FromUtf16(text, utf8, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done
                && fields.TryReadObject(utf8.AsSpan(0, written))
                && (fields.Key is not null || fields._secretLength > 0))
            {
                fields.Format = QrPayloadFormat.Json;
                return fields;
            }

            fields.Dispose();
            return new QrJsonFields();
        }
        catch
        {
            fields.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(utf8);
        }
    }

    public void Dispose()
    {
        Zero(_secret);
        Zero(_passphrase);
        _secretLength = 0;
        _passphraseLength = 0;
    }

    public override string ToString() => "QrJsonFields { *** }";

    // False for anything but one well-formed JSON object.
    private bool TryReadObject(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    Take(ref reader, name);
                }
                else
                {
                    reader.Skip();
                }
            }

            // The object's end, and nothing after it.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private void Take(ref Utf8JsonReader reader, string name)
    {
        if (Is(name, KeyNames))
        {
            if (Key is null && reader.GetString()!.Trim() is { Length: > 0 } key)
            {
                Key = key;
            }
        }
        else if (Is(name, SecretNames))
        {
            if (_secretLength == 0)
            {
                (_secret, _secretLength) = CopyTrimmed(ref reader);
            }
        }
        else if (Is(name, PassphraseNames) && _passphraseLength == 0)
        {
            (_passphrase, _passphraseLength) = CopyTrimmed(ref reader);
        }
    }

    private static bool Is(string name, string[] names) => names.Contains(name, StringComparer.OrdinalIgnoreCase);

    // The string's characters, trimmed, at the start of a pinned buffer; an empty one when only white space is left.
    private static (char[] Buffer, int Length) CopyTrimmed(ref Utf8JsonReader reader)
    {
        // A UTF-8 byte or an escape sequence gives at most one UTF-16 character.
        var buffer = GC.AllocateArray<char>(reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length, pinned: true);
        var length = reader.CopyString(buffer);
        var trimmed = buffer.AsSpan(0, length).Trim();
        if (trimmed.IsEmpty)
        {
            Zero(buffer);
            return ([], 0);
        }

        var trimmedLength = trimmed.Length;
        trimmed.CopyTo(buffer);
        buffer.AsSpan(trimmedLength, length - trimmedLength).Clear();
        return (buffer, trimmedLength);
    }

    private static void Zero(char[] buffer) => Array.Clear(buffer);
}
