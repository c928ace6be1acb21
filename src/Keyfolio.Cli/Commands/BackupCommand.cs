using System.CommandLine;
using System.Globalization;
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

            var made = await session.WithSpinnerAsync(new("Writing and checking the backup…", "正在写入并检查备份…"), () => session.Get<BackupService>().CreateAsync(target.FullName, master, parse.GetValue(force), cancellationToken)).ConfigureAwait(false);
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
                session.Line(session.T(new(
                    string.Create(CultureInfo.InvariantCulture, $"Backed up to {backup.File} ({backup.Bytes:N0} bytes, {backup.AuditEntries} audit entries) and checked: it opens with the master password. Keep it where the data directory is not."),
                    string.Create(CultureInfo.InvariantCulture, $"已备份到 {backup.File}（{backup.Bytes:N0} 字节，{backup.AuditEntries} 条审计记录）并已检查：可用主密码打开。请把它保存在数据目录以外的地方。"))));
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

                var restored = await session.WithSpinnerAsync(new("Checking and restoring the backup…", "正在检查并恢复备份…"), () => session.Get<BackupService>().RestoreAsync(source.FullName, master, parse.GetValue(force), parse.GetValue(rollback), cancellationToken)).ConfigureAwait(false);
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

                session.Line(session.T(new(
                    string.Create(CultureInfo.InvariantCulture, $"Restored {result.DataDirectory} from the backup of {result.Backup.CreatedAt:yyyy-MM-dd HH:mm} UTC; it opens with the master password you typed."),
                    string.Create(CultureInfo.InvariantCulture, $"已从 {result.Backup.CreatedAt:yyyy-MM-dd HH:mm} UTC 的备份恢复 {result.DataDirectory}；可用您输入的主密码打开。"))));
                if (result.RolledBackEntries > 0)
                {
                    session.Line(session.T(new(
                        string.Create(CultureInfo.InvariantCulture, $"The audit log went back by {result.RolledBackEntries} entries; the restore is recorded in it."),
                        string.Create(CultureInfo.InvariantCulture, $"审计日志回退了 {result.RolledBackEntries} 条记录；此次恢复已记入日志。"))));
                }

                if (result.KeptAside is { } kept)
                {
                    session.Line(session.T(new($"The data it replaced is kept in {kept}; delete it once you no longer need it.", $"被替换的数据保留在 {kept}；不再需要时请删除。")));
                }

                return ExitCodes.Success;
            },
            openStore: false);
        return command;
    }
}
