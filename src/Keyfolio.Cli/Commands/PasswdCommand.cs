using System.CommandLine;
using Keyfolio.Cli.Input;
using Keyfolio.Core.Access;

namespace Keyfolio.Cli.Commands;

/// <summary><c>keyfolio passwd</c>: changes the master password (the data key is re-wrapped; nothing else changes).</summary>
internal static class PasswdCommand
{
    public static Command Create()
    {
        var newPasswordFile = new Option<FileInfo?>("--new-password-file") { Description = "Read the new master password from this file instead of prompting.", HelpName = "FILE" };
        var command = new Command("passwd", "Change the master password.") { newPasswordFile };
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            if (await session.RequireAuditAsync(cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            var current = await session.ReadPasswordAsync(Texts.MasterPassword, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return await session.NoTerminalAsync(Texts.MasterPassword).ConfigureAwait(false);
            }

            string? replacement;
            if (parse.GetValue(newPasswordFile) is { } file)
            {
                replacement = await SecretFile.ReadFirstLineAsync(file.FullName, "newPasswordFile", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                replacement = session.PromptSecret(Texts.NewMasterPassword);
                if (replacement is null)
                {
                    return await session.NoTerminalAsync(Texts.NewMasterPassword).ConfigureAwait(false);
                }

                if (session.PromptSecret(Texts.RepeatPassword) != replacement)
                {
                    await session.Error.WriteLineAsync(Texts.PasswordsDiffer.For(session.Culture)).ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
            }

            var changed = await session.WithSpinnerAsync(Texts.Of("ChangingTheMasterPassword"), () => session.Get<VaultAccess>().ChangePasswordAsync(current, replacement, cancellationToken)).ConfigureAwait(false);
            if (!changed.IsSuccess)
            {
                return await session.FailAsync(changed.Error).ConfigureAwait(false);
            }

            session.Line(Texts.Of("TheMasterPasswordWasChanged").For(session.Culture));
            return ExitCodes.Success;
        });
        return command;
    }
}
