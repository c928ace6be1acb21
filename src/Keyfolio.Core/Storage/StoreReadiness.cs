namespace Keyfolio.Core.Storage;

/// <summary>
/// Whether the database answers and carries the schema this version of Keyfolio writes: what a readiness probe asks
/// of the store. <see cref="Problem"/> says what is wrong in words that name no path and no stored data.
/// </summary>
public sealed record StoreReadiness(bool Reachable, int SchemaVersion, int ExpectedSchemaVersion, string? Problem)
{
    /// <summary>The database answered and is at exactly the schema this version expects.</summary>
    public bool MigrationsApplied => Reachable && SchemaVersion == ExpectedSchemaVersion;
}
