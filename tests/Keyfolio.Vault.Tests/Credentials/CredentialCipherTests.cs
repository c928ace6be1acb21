using Keyfolio.Vault.Credentials;
using Keyfolio.Vault.Crypto;
using Keyfolio.Testing.Contracts;

namespace Keyfolio.Vault.Tests.Credentials;

public sealed class CredentialCipherTests
{
    private static readonly CredentialAddress Address = new("connection-1", "binance");

    [Fact]
    public void A_credential_decrypts_to_what_was_encrypted()
    {
        using var cipher = NewCipher();

        using var decrypted = cipher.Decrypt(cipher.Encrypt(Address, Canary.Payload));

        Assert.Equal(Canary.Payload, decrypted.Payload.ToArray());
        Assert.Equal(Address, decrypted.Address);
    }

    [Fact]
    public void Two_encryptions_of_the_same_value_differ_with_a_fresh_nonce_each_time()
    {
        using var cipher = NewCipher();

        var envelopes = Enumerable.Range(0, 1000).Select(_ => cipher.Encrypt(Address, Canary.Payload).Envelope).ToList();

        Assert.Equal(1000, envelopes.Select(Convert.ToHexString).Distinct().Count());
        Assert.Equal(1000, envelopes.Select(envelope => Convert.ToHexString(envelope.AsSpan(6, 12))).Distinct().Count());
    }

    [Fact]
    public void The_envelope_is_versioned_and_names_its_algorithm_and_key()
    {
        using var cipher = NewCipher(keyId: 0x01020304);

        var envelope = cipher.Encrypt(Address, Canary.Payload).Envelope;

        Assert.Equal(1, envelope[0]);
        Assert.Equal(1, envelope[1]);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, envelope[2..6]);
        Assert.Equal(1 + 1 + 4 + 12 + 16 + Canary.Payload.Length, envelope.Length);
        Canary.AssertAbsent(envelope, "the envelope");
    }

    [Fact]
    public void Any_flipped_bit_in_the_envelope_is_refused()
    {
        using var cipher = NewCipher();
        var stored = cipher.Encrypt(Address, Canary.Payload);

        for (var bit = 0; bit < stored.Envelope.Length * 8; bit++)
        {
            var altered = stored.Envelope.ToArray();
            altered[bit / 8] ^= (byte)(1 << (bit % 8));

            var error = Assert.Throws<VaultException>(() => cipher.Decrypt(stored with { Envelope = altered }));
            Assert.Contains(error.Kind, new[] { VaultErrorKind.CredentialTampered, VaultErrorKind.UnknownVersion });
        }
    }

    [Theory]
    [InlineData("connection-2", "binance")]
    [InlineData("connection-1", "okx")]
    public void An_envelope_presented_for_another_row_is_refused(string credentialId, string exchange)
    {
        using var cipher = NewCipher();
        var stored = cipher.Encrypt(Address, Canary.Payload);

        var error = Assert.Throws<VaultException>(() => cipher.Decrypt(stored with { Address = new CredentialAddress(credentialId, exchange) }));

        Assert.Equal(VaultErrorKind.CredentialTampered, error.Kind);
    }

    [Fact]
    public void An_envelope_from_another_vault_is_refused()
    {
        var key = SecretBuffer.Random(32);
        using var mine = new CredentialCipher(Guid.NewGuid(), 1, SecretBuffer.CopyOf(key.Span));
        using var other = new CredentialCipher(Guid.NewGuid(), 1, key);

        var error = Assert.Throws<VaultException>(() => mine.Decrypt(other.Encrypt(Address, Canary.Payload)));

        Assert.Equal(VaultErrorKind.CredentialTampered, error.Kind);
    }

    [Fact]
    public void Truncated_envelopes_are_refused_as_damaged()
    {
        using var cipher = NewCipher();
        var stored = cipher.Encrypt(Address, Canary.Payload);

        for (var length = 0; length < CredentialEnvelope.HeaderSize; length++)
        {
            var error = Assert.Throws<VaultException>(() => cipher.Decrypt(stored with { Envelope = stored.Envelope[..length] }));
            Assert.Equal(VaultErrorKind.Corrupted, error.Kind);
        }
    }

    [Fact]
    public void Disposing_the_cipher_zeroes_its_key_and_every_plaintext_still_held()
    {
        var cipher = NewCipher();
        var decrypted = cipher.Decrypt(cipher.Encrypt(Address, Canary.Payload));
        var key = cipher.Key.UnsafeArray;
        var plaintext = decrypted.UnsafeBuffer;

        cipher.Dispose();

        Assert.All(key, b => Assert.Equal(0, b));
        Assert.All(plaintext, b => Assert.Equal(0, b));
        Assert.True(decrypted.IsReleased);
        Assert.Throws<ObjectDisposedException>(() => decrypted.Payload.Length);
    }

    [Fact]
    public void A_decrypted_credential_never_prints_its_payload()
    {
        using var cipher = NewCipher();

        using var decrypted = cipher.Decrypt(cipher.Encrypt(Address, Canary.Payload));

        Canary.AssertAbsent(decrypted.ToString(), "a decrypted credential's ToString");
        Assert.Contains("redacted", decrypted.ToString(), StringComparison.Ordinal);
    }

    private static CredentialCipher NewCipher(uint keyId = 1) => new(Guid.NewGuid(), keyId, SecretBuffer.Random(32));
}
