using System.CommandLine;
using Keyfolio.Core;
using Keyfolio.Core.Storage;

namespace Keyfolio.Cli.Commands;

/// <summary>
/// <c>keyfolio migrate-store [--to &lt;database&gt;]</c>: moves the data directory's SQLite database into an empty
/// PostgreSQL database and checks the copy (<see cref="StoreTransfer"/>). No master password: the keys move as
/// ciphertext. The connection string is never printed, only the database it names.
/// </summary>
internal static class MigrateStoreCommand
{
    private const string ConnectionStringVariable = "KEYFOLIO_DATABASE__CONNECTIONSTRING";

    public static Command Create()
    {
        var to = new Option<string>("--to")
        {
            Description = $"The empty PostgreSQL database to move into: a connection string (Host=…;Database=…;Username=…) or a postgresql:// address. Without it, Database:ConnectionString ({ConnectionStringVariable}) — better for a password, which other users can read in a process's arguments.",
        };
        var command = new Command("migrate-store", "Move the data directory's SQLite database into an empty PostgreSQL database, then check the copy row by row and its audit log there. Stop `keyfolio serve` first; the SQLite file is left as it was.")
        {
            to,
        };
        CommandRunner.Run(
            command,
            async (session, parse, cancellationToken) =>
            {
                var given = parse.GetValue(to);
                StoreLocation target;
                if (given is not null)
                {
                    try
                    {
                        target = StoreLocation.PostgreSql(given);
                    }
                    catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
                    {
                        // The message never repeats the string: it may hold the password.
                        var why = exception is ArgumentException ? exception.Message.Split(" (Parameter", 2)[0] : Texts.Of("AValueInItIsNot").For(session.Culture);
                        return await session.FailAsync(new CoreError(CoreErrorKind.BadInput, Texts.Of("TheDatabaseGivenWithToCannot", why), Texts.Of("GiveToAsHostDatabase")) { Field = "to" }).ConfigureAwait(false);
                    }

                    if (target.CarriesPassword)
                    {
                        await session.Error.WriteLineAsync(Texts.Of("TheConnectionStringGivenWithTo", ConnectionStringVariable).For(session.Culture)).ConfigureAwait(false);
                    }
                }
                else if (session.Settings.MoveTarget is { } configured)
                {
                    target = configured;
                }
                else
                {
                    return await session.FailAsync(new CoreError(CoreErrorKind.BadInput, Texts.Of("NoPostgreSqlDatabaseToMoveInto"), Texts.Of("GiveItWithToOrSet", ConnectionStringVariable)) { Field = "to" }).ConfigureAwait(false);
                }

                var file = Path.Combine(session.Settings.DataDirectory, KeyfolioDatabase.FileName);
                if (!session.Json)
                {
                    session.Line(Texts.Of("MovingIntoAndChecking", file, target.ToString()).For(session.Culture));
                }

                var moved = await session.Get<StoreTransfer>().MoveAsync(target, new Printed(session), cancellationToken).ConfigureAwait(false);
                if (!moved.IsSuccess)
                {
                    return await session.FailAsync(moved.Error).ConfigureAwait(false);
                }

                var summary = moved.Value;
                if (session.Json)
                {
                    session.WriteJson(new
                    {
                        target = summary.Target,
                        schemaVersion = summary.SchemaVersion,
                        tables = summary.Tables.Select(t => new { table = t.Table, rows = t.Rows }),
                        auditEntries = summary.AuditEntries,
                        verified = true,
                        sqliteFile = file,
                    });
                    return ExitCodes.Success;
                }

                session.Line(Texts.Of("MovedTablesRowsInto", summary.Tables.Count, summary.Tables.Sum(t => t.Rows), summary.Target, summary.AuditEntries).For(session.Culture));
                session.Line(Texts.Of("NextSetDatabaseProviderToPostgresql", ConnectionStringVariable).For(session.Culture));
                session.Line(Texts.Of("TheSqliteFileIsAsItWas", file).For(session.Culture));
                return ExitCodes.Success;
            },
            openStore: false,
            storeMove: true);
        return command;
    }

    /// <summary>Prints each table as it is copied, at once (<see cref="Progress{T}"/> would print it later, from elsewhere).</summary>
    private sealed class Printed(CliSession session) : IProgress<StoreTransferProgress>
    {
        public void Report(StoreTransferProgress value)
        {
            if (!session.Json)
            {
                session.Line(Texts.Of("CopiedTableRows", value.TableNumber, value.TableCount, value.Table, value.Rows).For(session.Culture));
            }
        }
    }
}
