using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Keyfolio.Exchanges.Binance;

/// <summary>The three kinds of Binance API key, told apart by the secret the person holds.</summary>
public enum BinanceKeyType
{
    /// <summary>A system-generated key: the secret is the 64-character HMAC-SHA256 key.</summary>
    Hmac,

    /// <summary>A self-generated Ed25519 key: the secret is its PKCS#8 PEM private key.</summary>
    Ed25519,

    /// <summary>A self-generated RSA key (2048 or 4096 bits): the secret is its PEM private key.</summary>
    Rsa,
}

/// <summary>
/// Binance request signing. The payload is the percent-encoded query string followed directly by the form body. An
/// HMAC key signs it with HMAC-SHA256 and sends the lowercase hex; an Ed25519 key signs it with Ed25519 and an RSA
/// key with RSASSA-PKCS1-v1_5 over SHA-256, both sending the signature in base64, percent-encoded (Binance Spot API,
/// "SIGNED Endpoint Examples for POST /api/v3/order" — HMAC Keys, RSA Keys, Ed25519 Keys:
/// https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security; "API Key Types": "We support
/// several types of API keys: Ed25519 (recommended), HMAC, RSA", RSA "2048 and 4096 bit":
/// https://developers.binance.com/docs/binance-spot-api-docs/faqs/api_key_types). The secret arrives as the bytes the
/// person pasted — for an asymmetric key the PEM private key, its line breaks real or escaped — and never becomes a
/// string; its decoded key bytes are zeroed after each signature.
/// </summary>
public static class BinanceSigner
{
    /// <summary>The default validity window Binance applies, in milliseconds.</summary>
    public const int RecvWindowMilliseconds = 5000;

    /// <summary>The HMAC-SHA256 signature of the payload, lowercase hex.</summary>
    public static string Sign(ReadOnlySpan<byte> secret, string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var bytes = Encoding.UTF8.GetByteCount(payload) <= 1024 ? stackalloc byte[Encoding.UTF8.GetByteCount(payload)] : new byte[Encoding.UTF8.GetByteCount(payload)];
        Encoding.UTF8.GetBytes(payload, bytes);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, bytes, mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Which kind of key the secret belongs to: a PEM private key is Ed25519 or RSA by its algorithm, anything
    /// else is an HMAC secret. Throws <see cref="CryptographicException"/> for a PEM that is neither.</summary>
    public static BinanceKeyType KeyTypeOf(ReadOnlySpan<byte> secret)
    {
        if (!BinancePrivateKey.IsPem(secret))
        {
            return BinanceKeyType.Hmac;
        }

        using var key = BinancePrivateKey.Read(secret);
        return key.Type;
    }

    /// <summary>The Ed25519 signature of the payload's UTF-8 bytes, base64 (not yet percent-encoded).</summary>
    public static string SignEd25519(ReadOnlySpan<byte> privateKeyPem, string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var key = BinancePrivateKey.Read(privateKeyPem);
        return key.Type == BinanceKeyType.Ed25519
            ? Convert.ToBase64String(key.Sign(Encoding.UTF8.GetBytes(payload)))
            : throw new CryptographicException("The private key is not an Ed25519 key.");
    }

    /// <summary>The RSASSA-PKCS1-v1_5 SHA-256 signature of the payload's UTF-8 bytes, base64 (not yet percent-encoded).</summary>
    public static string SignRsa(ReadOnlySpan<byte> privateKeyPem, string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var key = BinancePrivateKey.Read(privateKeyPem);
        return key.Type == BinanceKeyType.Rsa
            ? Convert.ToBase64String(key.Sign(Encoding.UTF8.GetBytes(payload)))
            : throw new CryptographicException("The private key is not an RSA key.");
    }

    /// <summary>The value of the <c>signature</c> parameter as sent: hex for an HMAC secret, percent-encoded base64 for
    /// an Ed25519 or RSA private key ("Percent-encode the base64 string").</summary>
    public static string Signature(ReadOnlySpan<byte> secret, string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (!BinancePrivateKey.IsPem(secret))
        {
            return Sign(secret, payload);
        }

        using var key = BinancePrivateKey.Read(secret);
        return Uri.EscapeDataString(Convert.ToBase64String(key.Sign(Encoding.UTF8.GetBytes(payload))));
    }

    /// <summary>The query to send: the call's own parameters, <c>timestamp</c>, <c>recvWindow</c>, then <c>signature</c>.</summary>
    public static string SignedQuery(ReadOnlySpan<byte> secret, string? query, DateTimeOffset timestamp, out string signature)
    {
        var payload = string.Concat(
            string.IsNullOrEmpty(query) ? string.Empty : query + "&",
            "timestamp=",
            timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            "&recvWindow=",
            RecvWindowMilliseconds.ToString(CultureInfo.InvariantCulture));
        signature = Signature(secret, payload);
        return payload + "&signature=" + signature;
    }
}

/// <summary>
/// A Binance asymmetric private key read from its pasted PEM: PKCS#8 <c>PRIVATE KEY</c> holding an Ed25519 key (OID
/// 1.3.101.112) or an RSA key (OID 1.2.840.113549.1.1.1), as Binance's key generator writes them ("Only PKCS#8 keys are
/// supported", REST API "RSA Keys"; Asymmetric Key Generator, "Ed25519 (PKCS#8), RSA-2048, RSA-4096":
/// https://developers.binance.com/en/docs/sdks-tools/tools/asymmetric-key-generator). Ed25519 comes from NSec
/// (libsodium), RSA from the base library.
/// </summary>
internal sealed class BinancePrivateKey : IDisposable
{
    private const string Ed25519Oid = "1.3.101.112";
    private const string RsaOid = "1.2.840.113549.1.1.1";

    private readonly Key? _ed25519;
    private readonly RSA? _rsa;

    private BinancePrivateKey(Key ed25519)
    {
        _ed25519 = ed25519;
        Type = BinanceKeyType.Ed25519;
    }

    private BinancePrivateKey(RSA rsa)
    {
        _rsa = rsa;
        Type = BinanceKeyType.Rsa;
    }

    public BinanceKeyType Type { get; }

    /// <summary>The RSA key's size in bits; 0 for Ed25519.</summary>
    public int KeySize => _rsa?.KeySize ?? 0;

    /// <summary>The secret holds a PEM private key rather than an HMAC secret.</summary>
    public static bool IsPem(ReadOnlySpan<byte> secret) => secret.IndexOf("-----BEGIN"u8) >= 0;

    /// <summary>The private key in the pasted PEM; throws <see cref="CryptographicException"/> when it is none.</summary>
    public static BinancePrivateKey Read(ReadOnlySpan<byte> pem)
    {
        var der = Decode(pem);
        try
        {
            var oid = AlgorithmOf(der);
            if (oid == Ed25519Oid)
            {
                return new BinancePrivateKey(Key.Import(SignatureAlgorithm.Ed25519, der, KeyBlobFormat.PkixPrivateKey));
            }

            if (oid == RsaOid)
            {
                var rsa = RSA.Create();
                try
                {
                    rsa.ImportPkcs8PrivateKey(der, out _);
                    return new BinancePrivateKey(rsa);
                }
                catch
                {
                    rsa.Dispose();
                    throw;
                }
            }

            throw new CryptographicException("The private key is neither an Ed25519 nor an RSA key.");
        }
        catch (FormatException e)
        {
            throw new CryptographicException("The private key does not decode.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>As <see cref="Read(ReadOnlySpan{byte})"/>, from the characters of a form field.</summary>
    public static BinancePrivateKey Read(ReadOnlySpan<char> pem)
    {
        var bytes = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(pem), pinned: true);
        try
        {
            Encoding.UTF8.GetBytes(pem, bytes);
            return Read(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public byte[] Sign(ReadOnlySpan<byte> data) => _ed25519 is not null
        ? SignatureAlgorithm.Ed25519.Sign(_ed25519, data)
        : _rsa!.SignData(data.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public void Dispose()
    {
        _ed25519?.Dispose();
        _rsa?.Dispose();
    }

    /// <summary>
    /// The DER bytes between <c>-----BEGIN PRIVATE KEY-----</c> and <c>-----END PRIVATE KEY-----</c>: the base64
    /// characters are gathered while line breaks, spaces, a literal <c>\n</c> (a key copied out of a JSON or .env file) and
    /// surrounding quotes are skipped. The caller zeroes the result.
    /// </summary>
    private static byte[] Decode(ReadOnlySpan<byte> pem)
    {
        ReadOnlySpan<byte> begin = "-----BEGIN PRIVATE KEY-----"u8;
        ReadOnlySpan<byte> end = "-----END PRIVATE KEY-----"u8;
        var start = pem.IndexOf(begin);
        var stop = pem.IndexOf(end);
        if (start < 0 || stop < start)
        {
            throw new CryptographicException("The value is not a PKCS#8 PEM private key.");
        }

        var body = pem[(start + begin.Length)..stop];
        var base64 = GC.AllocateArray<byte>(body.Length, pinned: true);
        try
        {
            var length = 0;
            for (var i = 0; i < body.Length; i++)
            {
                var b = body[i];
                if (b == (byte)'\\' && i + 1 < body.Length && body[i + 1] is (byte)'n' or (byte)'r')
                {
                    i++;
                }
                else if (b is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t')
                {
                    continue;
                }
                else if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'+' or (byte)'/' or (byte)'=')
                {
                    base64[length++] = b;
                }
                else
                {
                    throw new CryptographicException("The private key holds a character that is not base64.");
                }
            }

            var der = GC.AllocateArray<byte>(System.Buffers.Text.Base64.GetMaxDecodedFromUtf8Length(length), pinned: true);
            if (System.Buffers.Text.Base64.DecodeFromUtf8(base64.AsSpan(0, length), der, out _, out var written) != System.Buffers.OperationStatus.Done)
            {
                CryptographicOperations.ZeroMemory(der);
                throw new CryptographicException("The private key's base64 is cut off or changed.");
            }

            if (written == der.Length)
            {
                return der;
            }

            var exact = GC.AllocateArray<byte>(written, pinned: true);
            der.AsSpan(0, written).CopyTo(exact);
            CryptographicOperations.ZeroMemory(der);
            return exact;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(base64);
        }
    }

    /// <summary>The algorithm OID of a PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER version, SEQUENCE { OID, … }, OCTET STRING }.</summary>
    private static string AlgorithmOf(byte[] der)
    {
        try
        {
            var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER);
            var info = reader.ReadSequence();
            info.ReadInteger();
            return info.ReadSequence().ReadObjectIdentifier();
        }
        catch (System.Formats.Asn1.AsnContentException e)
        {
            throw new CryptographicException("The private key is not a PKCS#8 key.", e);
        }
    }
}
