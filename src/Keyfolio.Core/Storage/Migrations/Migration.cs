using System.Data.Common;

namespace Keyfolio.Core.Storage.Migrations;

/// <summary>One schema change: applied once, in its own transaction, and recorded with its version.</summary>
/// <param name="Version">Versions start at 1 and have no gaps.</param>
/// <param name="Name">What the change does, for people reading <c>schema_version</c>.</param>
/// <param name="Sql">Portable SQL; column types that differ between databases are written as dialect tokens. May be
/// empty when the change is a rewrite of stored values only.</param>
/// <param name="Rewrite">Runs after <paramref name="Sql"/> in the same transaction, for changes SQL cannot express
/// (values recomputed by Keyfolio's own rules).</param>
internal sealed record Migration(int Version, string Name, string Sql, Func<DbConnection, DbTransaction, CancellationToken, Task>? Rewrite = null);
