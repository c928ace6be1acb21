using Keyfolio.Vault.Crypto;

namespace Keyfolio.Vault.Credentials;

/// <summary>
/// A credential's plaintext, in a pinned buffer zeroed on dispose — and zeroed by the vault when it locks.
/// Keep it only for the calls that need it.
/// </summary>
public sealed class DecryptedCredential : IDisposable
{
    private readonly SecretBuffer _buffer;
    private readonly Action<DecryptedCredential>? _onDispose;

    internal DecryptedCredential(CredentialAddress address, SecretBuffer buffer, Action<DecryptedCredential>? onDispose)
    {
        Address = address;
        _buffer = buffer;
        _onDispose = onDispose;
    }

    public CredentialAddress Address { get; }

    /// <summary>The plaintext payload; throws <see cref="ObjectDisposedException"/> once released or locked.</summary>
    public ReadOnlySpan<byte> Payload => _buffer.Span;

    public bool IsReleased => _buffer.IsDisposed;

    internal byte[] UnsafeBuffer => _buffer.UnsafeArray;

    public void Dispose()
    {
        if (!_buffer.IsDisposed)
        {
            _buffer.Dispose();
            _onDispose?.Invoke(this);
        }
    }

    public override string ToString() => $"DecryptedCredential({Address.Exchange}/{Address.CredentialId}, redacted)";
}
