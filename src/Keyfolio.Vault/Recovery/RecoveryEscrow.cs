using System.Security.Cryptography;
using Keyfolio.Vault.Crypto;
using Keyfolio.Vault.Headers;

namespace Keyfolio.Vault.Recovery;

/// <summary>
/// Wraps the data key for the recovery key with ECIES on P-256: the recovery key deterministically yields a
/// key pair whose public half sits in the header. Any later data key (after a rotation) can be wrapped to that
/// public key while the vault is unlocked, without the recovery key and without keeping anything that could
/// open the new key from the old one.
/// </summary>
internal static class RecoveryEscrow
{
    private static readonly ECCurve Curve = ECCurve.NamedCurves.nistP256;

    // The order n of P-256; a private scalar must lie in [1, n-1].
    private static readonly byte[] CurveOrder = Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    public static byte[] PublicKeyOf(RecoveryKey recoveryKey)
    {
        using var pair = DeriveKeyPair(recoveryKey);
        return EncodePoint(pair.ExportParameters(includePrivateParameters: false).Q);
    }

    public static RecoveryWrap Wrap(byte[] recoveryPublicKey, ReadOnlySpan<byte> dek, ReadOnlySpan<byte> associatedData)
    {
        using var recipient = ImportPublicKey(recoveryPublicKey);
        using var ephemeral = ECDiffieHellman.Create(Curve);
        var ephemeralPublicKey = EncodePoint(ephemeral.ExportParameters(includePrivateParameters: false).Q);
        var shared = ephemeral.DeriveRawSecretAgreement(recipient.PublicKey);
        using var wrappingKey = DeriveWrappingKey(shared, ephemeralPublicKey, recoveryPublicKey);
        return new RecoveryWrap(recoveryPublicKey, ephemeralPublicKey, WrappedKey.Wrap(wrappingKey.Span, dek, associatedData));
    }

    /// <summary>Opens the wrap into <paramref name="dek"/>; false when the recovery key is not this vault's.</summary>
    public static bool TryUnwrap(RecoveryKey recoveryKey, RecoveryWrap wrap, ReadOnlySpan<byte> associatedData, Span<byte> dek)
    {
        using var pair = DeriveKeyPair(recoveryKey);
        if (!EncodePoint(pair.ExportParameters(includePrivateParameters: false).Q).AsSpan().SequenceEqual(wrap.RecoveryPublicKey))
        {
            return false;
        }

        using var ephemeral = ImportPublicKey(wrap.EphemeralPublicKey);
        var shared = pair.DeriveRawSecretAgreement(ephemeral.PublicKey);
        using var wrappingKey = DeriveWrappingKey(shared, wrap.EphemeralPublicKey, wrap.RecoveryPublicKey);
        return wrap.WrappedDek.TryUnwrap(wrappingKey.Span, associatedData, dek);
    }

    private static ECDiffieHellman DeriveKeyPair(RecoveryKey recoveryKey)
    {
        var scalar = new byte[32];
        Span<byte> prk = stackalloc byte[32];
        try
        {
            HKDF.Extract(HashAlgorithmName.SHA256, recoveryKey.Secret, "keyfolio/vault/recovery/v1"u8, prk);
            Span<byte> info = stackalloc byte[40];
            var label = "keyfolio/vault/recovery/p256/v1/"u8;
            label.CopyTo(info);
            for (byte counter = 0; ; counter++)
            {
                info[label.Length] = counter;
                HKDF.Expand(HashAlgorithmName.SHA256, prk, scalar, info[..(label.Length + 1)]);
                if (IsValidScalar(scalar))
                {
                    return ECDiffieHellman.Create(new ECParameters { Curve = Curve, D = scalar });
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
            CryptographicOperations.ZeroMemory(prk);
        }
    }

    private static bool IsValidScalar(ReadOnlySpan<byte> scalar) =>
        scalar.IndexOfAnyExcept((byte)0) >= 0 && scalar.SequenceCompareTo(CurveOrder) < 0;

    private static SecretBuffer DeriveWrappingKey(byte[] shared, byte[] ephemeralPublicKey, byte[] recoveryPublicKey)
    {
        var wrappingKey = new SecretBuffer(WrappedKey.KeySize);
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, wrappingKey.Span, [.. ephemeralPublicKey, .. recoveryPublicKey], "keyfolio/vault/recovery-wrap/v1"u8);
            return wrappingKey;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    private static ECDiffieHellman ImportPublicKey(byte[] encoded)
    {
        if (encoded.Length != RecoveryWrap.PublicKeySize || encoded[0] != 0x04)
        {
            throw Damaged();
        }

        try
        {
            return ECDiffieHellman.Create(new ECParameters
            {
                Curve = Curve,
                Q = new ECPoint { X = encoded[1..33], Y = encoded[33..] },
            });
        }
        catch (CryptographicException exception)
        {
            throw new VaultException(VaultErrorKind.Corrupted, Damaged().Message, exception);
        }
    }

    private static byte[] EncodePoint(ECPoint point) => [0x04, .. point.X!, .. point.Y!];

    private static VaultException Damaged() =>
        new(VaultErrorKind.Corrupted, "The vault header's recovery section is damaged; the recovery key cannot be used.");
}
