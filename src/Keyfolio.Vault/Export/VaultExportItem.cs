using Keyfolio.Vault.Credentials;
using Keyfolio.Vault.Crypto;

namespace Keyfolio.Vault.Export;

/// <summary>
/// One credential read from an export file: its address, its plaintext payload (pinned, zeroed on dispose)
/// and the metadata the exporting application attached to it.
/// </summary>
public sealed class VaultExportItem : IDisposable
{
    private readonly SecretBuffer _payload;

    internal VaultExportItem(CredentialAddress address, SecretBuffer payload, byte[] metadata)
    {
        Address = address;
        _payload = payload;
        Metadata = metadata;
    }

    public CredentialAddress Address { get; }

    public ReadOnlySpan<byte> Payload => _payload.Span;

    /// <summary>The opaque blob the application gave at export (its connection record); not secret.</summary>
    public ReadOnlyMemory<byte> Metadata { get; }

    public void Dispose() => _payload.Dispose();

    public override string ToString() => $"VaultExportItem({Address.Exchange}/{Address.CredentialId}, redacted)";
}
