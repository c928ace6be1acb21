using System.CommandLine;
using Keyfolio.Cli.Input;
using Keyfolio.Core.Connections;
using Keyfolio.Vault.Storage;

namespace Keyfolio.Cli.Commands;

/// <summary><c>keyfolio export &lt;file&gt;</c>: every connection and its key, encrypted under an export password.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Where to write the encrypted export." };
        var exportPasswordFile = new Option<FileInfo?>("--export-password-file") { Description = "Read the export password from this file instead of prompting.", HelpName = "FILE" };
        var force = new Option<bool>("--force") { Description = "Overwrite the file if it exists." };
        var command = new Command("export", "Export every connection with its key into a file encrypted under an export password (asks for the master password again).")
        {
            file, exportPasswordFile, force,
        };
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            if (await session.RequireAuditAsync(cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            var target = parse.GetValue(file)!;
            if (Directory.Exists(target.FullName))
            {
                return await session.FailAsync(CliErrors.IsDirectory(target.FullName, "file", "keyfolio.kfx")).ConfigureAwait(false);
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

            var exportPassword = await ReadExportPasswordAsync(session, parse.GetValue(exportPasswordFile), confirm: true, cancellationToken).ConfigureAwait(false);
            if (exportPassword is null)
            {
                return await session.NoTerminalAsync(Texts.ExportPassword).ConfigureAwait(false);
            }

            var exported = await session.WithSpinnerAsync(Texts.Of("EncryptingTheExport"), () => session.Get<TransferService>().ExportAsync(master, exportPassword, cancellationToken)).ConfigureAwait(false);
            if (!exported.IsSuccess)
            {
                return await session.FailAsync(exported.Error).ConfigureAwait(false);
            }

            try
            {
                await using (var stream = OperatingSystem.IsWindows()
                    ? new FileStream(target.FullName, FileMode.Create, FileAccess.Write)
                    : new FileStream(target.FullName, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyMode.File }))
                {
                    // The create mode applies only to a new file: one overwritten with --force is made the owner's alone too.
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnlyMode.File);
                    }

                    await stream.WriteAsync(exported.Value, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
            {
                return await session.FailAsync(CliErrors.CannotWrite(target.FullName, "file", exception)).ConfigureAwait(false);
            }

            session.Line(Texts.Of("ExportedToKeepTheExport", target.FullName).For(session.Culture));
            return ExitCodes.Success;
        });
        return command;
    }

    internal static async Task<string?> ReadExportPasswordAsync(CliSession session, FileInfo? file, bool confirm, CancellationToken cancellationToken)
    {
        if (file is not null)
        {
            return await SecretFile.ReadFirstLineAsync(file.FullName, "exportPasswordFile", cancellationToken).ConfigureAwait(false);
        }

        var password = session.PromptSecret(Texts.ExportPassword);
        if (password is not null && confirm && session.PromptSecret(Texts.RepeatPassword) != password)
        {
            await session.Error.WriteLineAsync(Texts.PasswordsDiffer.For(session.Culture)).ConfigureAwait(false);
            return null;
        }

        return password;
    }
}
