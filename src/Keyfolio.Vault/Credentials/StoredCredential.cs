namespace Keyfolio.Vault.Credentials;

/// <summary>A credential as stored: its address in clear and its encrypted envelope.</summary>
public sealed record StoredCredential(CredentialAddress Address, byte[] Envelope);
