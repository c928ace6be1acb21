namespace Keyfolio.Vault.Storage;

/// <summary>The stored vault header and its revision, which every replacement must name (compare-and-swap).</summary>
public sealed record VaultHeaderRecord(byte[] Header, long Revision);
