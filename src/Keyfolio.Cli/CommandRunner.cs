using System.CommandLine;
using Keyfolio.Core;
using Keyfolio.Core.Storage;

namespace Keyfolio.Cli;

/// <summary>Runs a command's body in a session and turns what escapes it into a message and an exit code.</summary>
internal static class CommandRunner
{
    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="body"/> in a session. With
    /// <paramref name="openStore"/> false (restore) the database is neither created nor migrated first; with
    /// <paramref name="storeMove"/> (migrate-store) the settings are read for the move from the SQLite file.</summary>
    public static void Run(Command command, Func<CliSession, ParseResult, CancellationToken, Task<int>> body, bool openStore = true, bool storeMove = false) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var actor = Keyfolio.Core.Audit.AuditActor.Use(CliSession.Actor);
            CliSession session;
            try
            {
                session = await CliSession.OpenAsync(parse, cancellationToken, openStore, storeMove).ConfigureAwait(false);
            }
            catch (StorageException exception)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("Error: " + exception.Message).ConfigureAwait(false);
                return ExitCodes.Corrupted;
            }
            catch (StoreUnavailableException exception)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("Error: " + exception.Message).ConfigureAwait(false);
                await parse.InvocationConfiguration.Error.WriteLineAsync("Fix: " + exception.Fix).ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }
            catch (Keyfolio.Core.Settings.KeyfolioSettingException exception)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("Error: " + exception.Message).ConfigureAwait(false);
                await parse.InvocationConfiguration.Error.WriteLineAsync("Fix: " + exception.Fix).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("Error: the data directory cannot be used: " + exception.Message).ConfigureAwait(false);
                await parse.InvocationConfiguration.Error.WriteLineAsync("Fix: check that KEYFOLIO_HOME points to a directory you can write, and that keyfolio.db there is a Keyfolio database.").ConfigureAwait(false);
                return ExitCodes.Corrupted;
            }

            await using (session.ConfigureAwait(false))
            {
                try
                {
                    return await body(session, parse, cancellationToken).ConfigureAwait(false);
                }
                catch (StorageException exception)
                {
                    return await session.FailAsync(new CoreError(CoreErrorKind.Corrupted, Texts.Of("StorageFailed", exception.Message), Texts.Of("RestoreTheDataDirectoryFrom"))).ConfigureAwait(false);
                }
                catch (StoreUnavailableException exception)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync("Error: " + exception.Message).ConfigureAwait(false);
                    await parse.InvocationConfiguration.Error.WriteLineAsync("Fix: " + exception.Fix).ConfigureAwait(false);
                    return ExitCodes.Unavailable;
                }
                catch (Input.SecretFileException exception)
                {
                    return await session.FailAsync(exception.Error).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    return await session.FailAsync(new CoreError(CoreErrorKind.BadInput, Texts.Of("AFileCouldNotBe", exception.Message), Texts.Of("CheckTheFileNameAnd"))).ConfigureAwait(false);
                }
            }
        });
}
