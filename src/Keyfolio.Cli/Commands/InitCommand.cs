using System.CommandLine;
using System.Globalization;
using Keyfolio.Core.Access;
using Keyfolio.Core.Settings;
using Keyfolio.Core.Storage;

namespace Keyfolio.Cli.Commands;

/// <summary><c>keyfolio init</c>: creates the vault with a master password, optionally with an offline recovery key.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var recovery = new Option<bool>("--recovery-key") { Description = "Also make an offline recovery key, shown once: write it down." };
        var command = new Command("init", "Create the vault in the data directory (KEYFOLIO_HOME) with a master password.") { recovery };
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            if (await session.RequireAuditAsync(cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            var vault = session.Get<VaultAccess>();
            if (await vault.ExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                return await session.FailAsync(new Core.CoreError(
                    Core.CoreErrorKind.VaultExists,
                    Texts.Of("AVaultAlreadyExistsIn", session.Get<KeyfolioDatabase>().DataDirectory),
                    Texts.Of("UseItWithItsMaster"))).ConfigureAwait(false);
            }

            var password = await session.ReadPasswordAsync(Texts.NewMasterPassword, cancellationToken).ConfigureAwait(false);
            if (password is null)
            {
                return await session.NoTerminalAsync(Texts.NewMasterPassword).ConfigureAwait(false);
            }

            if (session.Interactive && parse.GetValue(GlobalOptions.PasswordFile) is null && Environment.GetEnvironmentVariable(CliSession.PasswordFileVariable) is null
                && session.PromptSecret(Texts.RepeatPassword) != password)
            {
                await session.Error.WriteLineAsync(Texts.PasswordsDiffer.For(session.Culture)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var created = await session.WithSpinnerAsync(Texts.Of("CreatingTheVault"), () => vault.CreateAsync(password, parse.GetValue(recovery), cancellationToken)).ConfigureAwait(false);
            if (!created.IsSuccess)
            {
                return await session.FailAsync(created.Error).ConfigureAwait(false);
            }

            if (parse.GetValue(GlobalOptions.Language) is { } language)
            {
                await session.Get<SettingsStore>().SetAsync(SettingsStore.Language, language, cancellationToken).ConfigureAwait(false);
            }

            using var recoveryKey = created.Value;
            var database = session.Get<KeyfolioDatabase>();
            var directory = database.DataDirectory;
            var info = await vault.GetInfoAsync(cancellationToken).ConfigureAwait(false);
            var kdf = info.IsSuccess ? info.Value?.Kdf : null;
            if (session.Json)
            {
                session.WriteJson(new
                {
                    dataDirectory = directory,
                    store = database.IsEmbedded ? "sqlite" : "postgresql",
                    recoveryKey = recoveryKey?.ToDisplayString(),
                    kdf = kdf is null ? null : new { algorithm = kdf.Name, memoryKiB = kdf.MemoryKiB, iterations = kdf.Iterations, parallelism = kdf.Parallelism },
                });
            }
            else
            {
                session.Line(Texts.Of("VaultCreatedIn", database.IsEmbedded ? directory : database.Store.ToString()).For(session.Culture));
                if (kdf is not null)
                {
                    var mebibytes = (kdf.MemoryKiB / 1024).ToString(CultureInfo.InvariantCulture);
                    var passes = kdf.Iterations.ToString(CultureInfo.InvariantCulture);
                    var lanes = kdf.Parallelism.ToString(CultureInfo.InvariantCulture);
                    session.Line(Texts.Of("TheMasterPasswordIsProtected", mebibytes, passes, lanes).For(session.Culture));
                }

                if (recoveryKey is not null)
                {
                    session.Line(Texts.Of("RecoveryKeyShownOnceWrite").For(session.Culture));
                    session.Line(recoveryKey.ToDisplayString());
                }

                session.Line(Texts.Of("NextKeyfolioGuideExchangeShows").For(session.Culture));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
