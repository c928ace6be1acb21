namespace Keyfolio.Vault.Export;

/// <summary>
/// The verified contents of an export file. The application merges the items into its vault (new ids where
/// they collide, so nothing stored is overwritten) and disposes this to zero every payload.
/// </summary>
public sealed class VaultImport(Guid sourceVaultId, DateTimeOffset exportedAt, IReadOnlyList<VaultExportItem> items) : IDisposable
{
    public Guid SourceVaultId { get; } = sourceVaultId;

    public DateTimeOffset ExportedAt { get; } = exportedAt;

    public IReadOnlyList<VaultExportItem> Items { get; } = items;

    public void Dispose()
    {
        foreach (var item in Items)
        {
            item.Dispose();
        }
    }

    public override string ToString() => $"VaultImport({Items.Count} items, redacted)";
}
