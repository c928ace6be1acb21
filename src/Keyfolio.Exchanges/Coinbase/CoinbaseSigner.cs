using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Keyfolio.Exchanges.Coinbase;

/// <summary>
/// Coinbase Advanced Trade authentication with a CDP API key: every request carries <c>Authorization: Bearer</c> a
/// JWT of its own, signed ES256 (ECDSA P-256 with SHA-256, the 64-byte r‖s form) with the key's EC private key; the
/// header names the key (<c>kid</c>) and a random <c>nonce</c>, the claims are <c>sub</c> (the key name),
/// <c>iss</c> = <c>cdp</c>, <c>nbf</c> (now), <c>exp</c> (now + 120 s) and <c>uri</c> = <c>"METHOD host/path"</c> without
/// scheme or query (CDP, "JWT Authentication": https://docs.cdp.coinbase.com/get-started/authentication/jwt-authentication,
/// "the JWT expires after 2 minutes"; Coinbase App, "API Key Authentication":
/// https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/api-key-authentication, which asks for ECDSA
/// keys on these APIs). The private key is read from its bytes as pasted — a SEC1 PEM, with its line breaks as real
/// line breaks or as the literal <c>\n</c> of the downloaded key file — and never becomes a string.
/// </summary>
public static class CoinbaseSigner
{
    /// <summary>How long a JWT is valid, in seconds ("expires after 2 minutes").</summary>
    public const int LifetimeSeconds = 120;

    /// <summary>The <c>uri</c> claim: the method, a space, the host as called and the path, with no scheme and no query.</summary>
    public static string Uri(string method, string host, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var mark = path.IndexOf('?', StringComparison.Ordinal);
        return method.ToUpperInvariant() + " " + host + (mark < 0 ? path : path[..mark]);
    }

    /// <summary>The JOSE header, in the official SDK's member order: <c>alg</c>, <c>kid</c>, <c>nonce</c>, <c>typ</c>.</summary>
    public static string HeaderJson(string keyName, string nonce) => Json(w =>
    {
        w.WriteString("alg", "ES256");
        w.WriteString("kid", keyName);
        w.WriteString("nonce", nonce);
        w.WriteString("typ", "JWT");
    });

    /// <summary>The claims, in the official SDK's member order: <c>sub</c>, <c>iss</c>, <c>nbf</c>, <c>exp</c>, <c>uri</c>.</summary>
    public static string ClaimsJson(string keyName, long notBefore, string uri) => Json(w =>
    {
        w.WriteString("sub", keyName);
        w.WriteString("iss", "cdp");
        w.WriteNumber("nbf", notBefore);
        w.WriteNumber("exp", notBefore + LifetimeSeconds);
        w.WriteString("uri", uri);
    });

    /// <summary>What is signed: <c>base64url(header) "." base64url(claims)</c>.</summary>
    public static string SigningInput(string headerJson, string claimsJson) =>
        Base64Url(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url(Encoding.UTF8.GetBytes(claimsJson));

    /// <summary>The ES256 signature of the signing input, base64url, from the private key's bytes.</summary>
    public static string Sign(ReadOnlySpan<byte> privateKey, string signingInput)
    {
        ArgumentNullException.ThrowIfNull(signingInput);
        using var key = ImportPrivateKey(privateKey);
        return Base64Url(key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    /// <summary>A complete JWT for one request.</summary>
    public static string Jwt(ReadOnlySpan<byte> privateKey, string keyName, string uri, DateTimeOffset now, string nonce)
    {
        var input = SigningInput(HeaderJson(keyName, nonce), ClaimsJson(keyName, now.ToUnixTimeSeconds(), uri));
        return input + "." + Sign(privateKey, input);
    }

    /// <summary>A fresh nonce: 32 random bytes as 64 hexadecimal digits, as the official SDK makes them.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The EC P-256 private key in a pasted PEM (SEC1 <c>EC PRIVATE KEY</c> or PKCS#8 <c>PRIVATE KEY</c>), literal
    /// <c>\n</c> escapes and surrounding quotes allowed. Throws <see cref="CryptographicException"/> when it is none.
    /// </summary>
    public static ECDsa ImportPrivateKey(ReadOnlySpan<byte> pem)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, Encoding.UTF8.GetMaxCharCount(pem.Length)));
        try
        {
            var length = Encoding.UTF8.GetChars(pem, chars);
            return ImportPrivateKey(chars.AsSpan(0, length));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshalBytes(chars));
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>As <see cref="ImportPrivateKey(ReadOnlySpan{byte})"/>, from characters.</summary>
    public static ECDsa ImportPrivateKey(ReadOnlySpan<char> pem)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, pem.Length));
        try
        {
            var length = Unescape(pem, buffer);
            var key = ECDsa.Create();
            try
            {
                key.ImportFromPem(buffer.AsSpan(0, length));
                if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != "1.2.840.10045.3.1.7")
                {
                    throw new CryptographicException("The key is not on the P-256 curve.");
                }

                return key;
            }
            catch
            {
                key.Dispose();
                throw;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshalBytes(buffer));
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The PEM as pasted, made parseable: the literal two-character escapes <c>\n</c> and <c>\r\n</c> of a key copied out of
    /// the downloaded JSON file become line breaks, and one pair of surrounding double quotes is dropped.
    /// </summary>
    internal static int Unescape(ReadOnlySpan<char> pem, Span<char> destination)
    {
        pem = pem.Trim();
        if (pem.Length >= 2 && pem[0] == '"' && pem[^1] == '"')
        {
            pem = pem[1..^1];
        }

        var written = 0;
        for (var i = 0; i < pem.Length; i++)
        {
            if (pem[i] == '\\' && i + 1 < pem.Length && pem[i + 1] is 'n' or 'r')
            {
                if (pem[i + 1] == 'n')
                {
                    destination[written++] = '\n';
                }

                i++;
            }
            else
            {
                destination[written++] = pem[i];
            }
        }

        return written;
    }

    internal static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Span<byte> MemoryMarshalBytes(char[] chars) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(chars.AsSpan());

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
