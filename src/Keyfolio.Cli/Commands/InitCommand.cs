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
                    new($"A vault already exists in {session.Get<KeyfolioDatabase>().DataDirectory}.", $"{session.Get<KeyfolioDatabase>().DataDirectory} 中已存在保险库。"),
                    new("Use it with its master password (`keyfolio passwd` changes it), or set KEYFOLIO_HOME to another directory.", "请用其主密码使用它（`keyfolio passwd` 可修改密码），或把 KEYFOLIO_HOME 设为其他目录。"))).ConfigureAwait(false);
            }

            var password = await session.ReadPasswordAsync(Texts.NewMasterPassword, cancellationToken).ConfigureAwait(false);
            if (password is null)
            {
                return await session.NoTerminalAsync(Texts.NewMasterPassword).ConfigureAwait(false);
            }

            if (session.Interactive && parse.GetValue(GlobalOptions.PasswordFile) is null && Environment.GetEnvironmentVariable(CliSession.PasswordFileVariable) is null
                && session.PromptSecret(Texts.RepeatPassword) != password)
            {
                await session.Error.WriteLineAsync(session.T(Texts.PasswordsDiffer)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var created = await session.WithSpinnerAsync(new("Creating the vault…", "正在创建保险库…"), () => vault.CreateAsync(password, parse.GetValue(recovery), cancellationToken)).ConfigureAwait(false);
            if (!created.IsSuccess)
            {
                return await session.FailAsync(created.Error).ConfigureAwait(false);
            }

            if (parse.GetValue(GlobalOptions.Language) is { } language)
            {
                await session.Get<SettingsStore>().SetAsync(SettingsStore.Language, language, cancellationToken).ConfigureAwait(false);
            }

            using var recoveryKey = created.Value;
            var directory = session.Get<KeyfolioDatabase>().DataDirectory;
            var info = await vault.GetInfoAsync(cancellationToken).ConfigureAwait(false);
            var kdf = info.IsSuccess ? info.Value?.Kdf : null;
            if (session.Json)
            {
                session.WriteJson(new
                {
                    dataDirectory = directory,
                    recoveryKey = recoveryKey?.ToDisplayString(),
                    kdf = kdf is null ? null : new { algorithm = kdf.Name, memoryKiB = kdf.MemoryKiB, iterations = kdf.Iterations, parallelism = kdf.Parallelism },
                });
            }
            else
            {
                session.Line(session.T(new($"Vault created in {directory}.", $"已在 {directory} 创建保险库。")));
                if (kdf is not null)
                {
                    var mebibytes = (kdf.MemoryKiB / 1024).ToString(CultureInfo.InvariantCulture);
                    var passes = kdf.Iterations.ToString(CultureInfo.InvariantCulture);
                    var lanes = kdf.Parallelism.ToString(CultureInfo.InvariantCulture);
                    session.Line(session.T(new(
                        $"The master password is protected with Argon2id: {mebibytes} MiB of memory, {passes} passes, {lanes} lane.",
                        $"主密码以 Argon2id 保护：内存 {mebibytes} MiB，{passes} 轮，{lanes} 条并行通道。")));
                }

                if (recoveryKey is not null)
                {
                    session.Line(session.T(new("Recovery key (shown once; write it down and keep it offline):", "恢复密钥（仅显示一次；请抄写并离线保存）：")));
                    session.Line(recoveryKey.ToDisplayString());
                }

                session.Line(session.T(new("Next: `keyfolio guide <exchange>` shows how to create a read-only key; `keyfolio connect <exchange>` adds it.", "下一步：`keyfolio guide <交易所>` 说明如何创建只读密钥；`keyfolio connect <交易所>` 添加它。")));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
