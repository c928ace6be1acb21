using System.CommandLine;
using Keyfolio.Core.Backup;

namespace Keyfolio.Cli.Commands;

/// <summary>
/// <c>keyfolio backup &lt;file&gt;</c> and <c>keyfolio restore &lt;file&gt;</c>: a consistent copy of the whole data
/// directory, made while Keyfolio runs and checked after writing, and its restore.
/// </summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Where to write the backup (a ZIP file only you can read)." };
        var force = new Option<bool>("--force") { Description = "Replace the file if it exists." };
        var command = new Command("backup", "Back up the whole data directory while Keyfolio runs: the database, the audit log's key and head, exchange state and settings. The backup is checked after writing (its vault must open with the master password).")
        {
            file, force,
        };
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            var target = parse.GetValue(file)!;
            if (Directory.Exists(target.FullName))
            {
                return await session.FailAsync(CliErrors.IsDirectory(target.FullName, "file", "keyfolio-backup.zip")).ConfigureAwait(false);
            }

            if (target.Exists && !parse.GetValue(force))
            {
                return await session.FailAsync(CliErrors.FileExists(target.FullName)).ConfigureAwait(false);
            }

            var master = await session.ReadPasswordAsync(Texts.MasterPassword, cancellationToken).ConfigureAwait(false);
            if (master is null)
            {
                return await session.NoTerminalAsync(Texts.MasterPassword).ConfigureAwait(false);
            }

            var made = await session.WithSpinnerAsync(Texts.Of("WritingAndCheckingTheBackup"), () => session.Get<BackupService>().CreateAsync(target.FullName, master, parse.GetValue(force), cancellationToken)).ConfigureAwait(false);
            if (!made.IsSuccess)
            {
                return await session.FailAsync(made.Error).ConfigureAwait(false);
            }

            var backup = made.Value!;
            if (session.Json)
            {
                session.WriteJson(new { file = backup.File, createdAt = backup.CreatedAt, schemaVersion = backup.SchemaVersion, auditEntries = backup.AuditEntries, bytes = backup.Bytes, verified = true });
            }
            else
            {
                session.Line(Texts.Of("BackedUpToBytesAudit", backup.File, backup.Bytes, backup.AuditEntries).For(session.Culture));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateRestore()
    {
        var file = new Argument<FileInfo>("file") { Description = "A backup made with `keyfolio backup`." };
        var force = new Option<bool>("--force") { Description = "Replace the vault in the data directory (it is kept beside it, renamed)." };
        var rollback = new Option<bool>("--rollback") { Description = "Restore even though the backup is older than the data it replaces (the audit log goes back)." };
        var command = new Command("restore", "Restore the data directory from a backup, after checking it (stop Keyfolio first). The vault then opens with the password it had when the backup was made.")
        {
            file, force, rollback,
        };
        CommandRunner.Run(
            command,
            async (session, parse, cancellationToken) =>
            {
                var source = parse.GetValue(file)!;
                var master = await session.ReadPasswordAsync(Texts.MasterPassword, cancellationToken).ConfigureAwait(false);
                if (master is null)
                {
                    return await session.NoTerminalAsync(Texts.MasterPassword).ConfigureAwait(false);
                }

                var restored = await session.WithSpinnerAsync(Texts.Of("CheckingAndRestoringTheBackup"), () => session.Get<BackupService>().RestoreAsync(source.FullName, master, parse.GetValue(force), parse.GetValue(rollback), cancellationToken)).ConfigureAwait(false);
                if (!restored.IsSuccess)
                {
                    return await session.FailAsync(restored.Error).ConfigureAwait(false);
                }

                var result = restored.Value!;
                if (session.Json)
                {
                    session.WriteJson(new { dataDirectory = result.DataDirectory, keptAside = result.KeptAside, backupCreatedAt = result.Backup.CreatedAt, auditEntries = result.Backup.AuditEntries, rolledBackEntries = result.RolledBackEntries });
                    return ExitCodes.Success;
                }

                session.Line(Texts.Of("RestoredFromTheBackupOf", result.DataDirectory, result.Backup.CreatedAt).For(session.Culture));
                if (result.RolledBackEntries > 0)
                {
                    session.Line(Texts.Of("TheAuditLogWentBack", result.RolledBackEntries).For(session.Culture));
                }

                if (result.KeptAside is { } kept)
                {
                    session.Line(Texts.Of("TheDataItReplacedIs", kept).For(session.Culture));
                }

                return ExitCodes.Success;
            },
            openStore: false);
        return command;
    }
}
