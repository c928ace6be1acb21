using Keyfolio.Vault.Credentials;

namespace Keyfolio.Vault.Storage;

/// <summary>
/// A vault key rotation to commit as one atomic unit: the new header, and every credential re-encrypted
/// under the new key together with the envelope it replaces.
/// </summary>
public sealed record KeyRotation(long ExpectedRevision, byte[] Header, IReadOnlyList<RotatedCredential> Credentials);

/// <summary>One credential of a rotation: the envelope read before re-encryption and its replacement.</summary>
public sealed record RotatedCredential(CredentialAddress Address, byte[] PreviousEnvelope, byte[] Envelope);
