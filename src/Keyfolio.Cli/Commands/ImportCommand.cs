using System.CommandLine;
using Keyfolio.Core.Connections;
using Keyfolio.Exchanges;

namespace Keyfolio.Cli.Commands;

/// <summary><c>keyfolio import &lt;file&gt;</c>: adds the connections of an export file; nothing stored is overwritten.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "An export file made by `keyfolio export`." };
        var exportPasswordFile = new Option<FileInfo?>("--export-password-file") { Description = "Read the export password from this file instead of prompting.", HelpName = "FILE" };
        var command = new Command("import", "Import the connections of an export file into this vault; keys already connected are skipped and labels kept unique.")
        {
            file, exportPasswordFile,
        };
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            var source = parse.GetValue(file)!;
            if (!source.Exists)
            {
                return await session.FailAsync(new Core.CoreError(Core.CoreErrorKind.BadInput, Texts.Of("DoesNotExist", source.FullName), Texts.Of("GiveThePathOfA")) { Field = "file" }).ConfigureAwait(false);
            }

            if (await session.UnlockAsync(cancellationToken).ConfigureAwait(false) is { } locked)
            {
                return locked;
            }

            var exportPassword = await ExportCommand.ReadExportPasswordAsync(session, parse.GetValue(exportPasswordFile), confirm: false, cancellationToken).ConfigureAwait(false);
            if (exportPassword is null)
            {
                return await session.NoTerminalAsync(Texts.ExportPassword).ConfigureAwait(false);
            }

            var bytes = await File.ReadAllBytesAsync(source.FullName, cancellationToken).ConfigureAwait(false);
            var imported = await session.WithSpinnerAsync(Texts.Of("DecryptingTheExport"), () => session.Get<TransferService>().ImportAsync(bytes, exportPassword, cancellationToken)).ConfigureAwait(false);
            if (!imported.IsSuccess)
            {
                return await session.FailAsync(imported.Error).ConfigureAwait(false);
            }

            if (session.Json)
            {
                session.WriteJson(new { added = imported.Value.Added, skipped = imported.Value.SkippedAsDuplicates });
            }
            else
            {
                session.Line((Texts.Of("ImportedConnectionS", imported.Value.Added.Count, LocalizedText.List(imported.Value.Added))).For(session.Culture));
                if (imported.Value.SkippedAsDuplicates.Count > 0)
                {
                    session.Line((Texts.Of("SkippedKeyAlreadyConnected", LocalizedText.List(imported.Value.SkippedAsDuplicates))).For(session.Culture));
                }

                session.Line(Texts.Of("RunKeyfolioCheckToVerify").For(session.Culture));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
