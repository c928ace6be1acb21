using System.CommandLine;
using Keyfolio.Core.Connections;

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
                return await session.FailAsync(new Core.CoreError(Core.CoreErrorKind.BadInput, new($"{source.FullName} does not exist.", $"{source.FullName} 不存在。"), new("Give the path of a file made by `keyfolio export`.", "请提供由 `keyfolio export` 生成的文件路径。")) { Field = "file" }).ConfigureAwait(false);
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
            var imported = await session.WithSpinnerAsync(new("Decrypting the export…", "正在解密导出文件…"), () => session.Get<TransferService>().ImportAsync(bytes, exportPassword, cancellationToken)).ConfigureAwait(false);
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
                session.Line(session.T(new($"Imported {imported.Value.Added.Count} connection(s): {string.Join(", ", imported.Value.Added)}.", $"已导入 {imported.Value.Added.Count} 个连接：{string.Join("、", imported.Value.Added)}。")));
                if (imported.Value.SkippedAsDuplicates.Count > 0)
                {
                    session.Line(session.T(new($"Skipped, key already connected: {string.Join(", ", imported.Value.SkippedAsDuplicates)}.", $"已跳过（密钥已连接）：{string.Join("、", imported.Value.SkippedAsDuplicates)}。")));
                }

                session.Line(session.T(new("Run `keyfolio check` to verify the imported keys.", "请运行 `keyfolio check` 验证导入的密钥。")));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
