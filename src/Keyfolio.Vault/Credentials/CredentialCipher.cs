using System.Collections.Concurrent;
using System.Security.Cryptography;
using Keyfolio.Vault.Crypto;

namespace Keyfolio.Vault.Credentials;

/// <summary>
/// Encrypts and decrypts credential envelopes under one unlocked data key. Owns the key: disposing it zeroes
/// the key and every plaintext it handed out that is still alive. Not for use after dispose; the vault
/// guarantees that with its lock.
/// </summary>
internal sealed class CredentialCipher : IDisposable
{
    private readonly SecretBuffer _dek;
    private readonly ConcurrentBag<AesGcm> _ciphers = [];
    private readonly ConcurrentDictionary<DecryptedCredential, byte> _outstanding = new(ReferenceEqualityComparer.Instance);
    private readonly Action<DecryptedCredential> _release;

    public CredentialCipher(Guid vaultId, uint keyId, SecretBuffer dek)
    {
        VaultId = vaultId;
        KeyId = keyId;
        _dek = dek;
        _release = credential => _outstanding.TryRemove(credential, out _);
    }

    public Guid VaultId { get; }

    public uint KeyId { get; }

    internal SecretBuffer Key => _dek;

    public StoredCredential Encrypt(CredentialAddress address, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > CredentialEnvelope.MaxPayloadSize)
        {
            throw new ArgumentException($"A credential payload is at most {CredentialEnvelope.MaxPayloadSize} bytes.", nameof(payload));
        }

        var envelope = new byte[CredentialEnvelope.HeaderSize + payload.Length];
        CredentialEnvelope.WriteHeader(envelope, KeyId);
        var nonce = CredentialEnvelope.Nonce(envelope.AsSpan());
        RandomNumberGenerator.Fill(nonce);
        Span<byte> associatedData = stackalloc byte[AssociatedData.MaxCredentialSize];
        associatedData = associatedData[..AssociatedData.WriteForCredential(associatedData, VaultId, address.CredentialId, address.Exchange)];
        var aes = Rent();
        try
        {
            aes.Encrypt(
                nonce,
                payload,
                CredentialEnvelope.Ciphertext(envelope.AsSpan()),
                CredentialEnvelope.Tag(envelope.AsSpan()),
                associatedData);
        }
        finally
        {
            _ciphers.Add(aes);
        }

        return new StoredCredential(address, envelope);
    }

    public DecryptedCredential Decrypt(StoredCredential stored)
    {
        ReadOnlySpan<byte> envelope = stored.Envelope;
        var keyId = CredentialEnvelope.ReadKeyId(envelope);
        if (keyId != KeyId)
        {
            throw new VaultException(
                VaultErrorKind.CredentialTampered,
                "A stored credential was encrypted under another vault key than the current one; it cannot be read. Replace the key of that connection.");
        }

        var ciphertext = CredentialEnvelope.Ciphertext(envelope);
        Span<byte> associatedData = stackalloc byte[AssociatedData.MaxCredentialSize];
        associatedData = associatedData[..AssociatedData.WriteForCredential(associatedData, VaultId, stored.Address.CredentialId, stored.Address.Exchange)];
        var buffer = new SecretBuffer(ciphertext.Length);
        var aes = Rent();
        try
        {
            aes.Decrypt(
                CredentialEnvelope.Nonce(envelope),
                ciphertext,
                CredentialEnvelope.Tag(envelope),
                buffer.Span,
                associatedData);
        }
        catch (AuthenticationTagMismatchException)
        {
            buffer.Dispose();
            throw new VaultException(
                VaultErrorKind.CredentialTampered,
                "A stored credential failed its integrity check: it was altered or does not belong to this connection. Replace the key of that connection.");
        }
        finally
        {
            _ciphers.Add(aes);
        }

        var credential = new DecryptedCredential(stored.Address, buffer, _release);
        _outstanding.TryAdd(credential, 0);
        return credential;
    }

    public void Dispose()
    {
        foreach (var credential in _outstanding.Keys)
        {
            credential.Dispose();
        }

        while (_ciphers.TryTake(out var aes))
        {
            aes.Dispose();
        }

        _dek.Dispose();
    }

    private AesGcm Rent() => _ciphers.TryTake(out var aes) ? aes : new AesGcm(_dek.Span, CredentialEnvelope.TagSize);
}
