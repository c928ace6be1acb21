using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Keyfolio.Cli.Input;
using Keyfolio.Core;
using Keyfolio.Core.Access;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Settings;
using Keyfolio.Core.Storage;
using Keyfolio.Exchanges;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Keyfolio.Cli;

/// <summary>
/// One run of a command: the core's services over the data directory, the console (colour only on a terminal), the
/// language, JSON or tables, and the ways to get the master password. Locks the vault on the way out.
/// </summary>
internal sealed class CliSession : IAsyncDisposable
{
    public const string PasswordFileVariable = "KEYFOLIO_PASSWORD_FILE";
    public const string Actor = "cli";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly ParseResult _parse;
    private readonly ServiceProvider _services;

    private CliSession(ParseResult parse, ServiceProvider services, IAnsiConsole console, TextWriter error, bool interactive)
    {
        _parse = parse;
        _services = services;
        Console = console;
        Error = error;
        Interactive = interactive;
        Json = parse.GetValue(GlobalOptions.Json);
    }

    public IAnsiConsole Console { get; }

    public TextWriter Error { get; }

    public bool Json { get; }

    /// <summary>True when a person is at a terminal to answer prompts.</summary>
    public bool Interactive { get; }

    /// <summary>The language of messages and tables.</summary>
    public CultureInfo Culture { get; private set; } = CultureInfo.GetCultureInfo("en");

    /// <summary>The settings the session was opened with.</summary>
    public Configuration.KeyfolioSettings Settings { get; private init; } = null!;

    public static async Task<CliSession> OpenAsync(ParseResult parse, CancellationToken cancellationToken, bool openStore = true, bool storeMove = false)
    {
        var output = parse.InvocationConfiguration.Output;
        var terminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        var colour = terminal && Environment.GetEnvironmentVariable("NO_COLOR") is null;
        var interactive = terminal && !System.Console.IsInputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = colour ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 200;
        }

        var settings = Configuration.KeyfolioConfiguration.Load(Environment.GetEnvironmentVariable, AppContext.BaseDirectory, storeMove);
        var options = CoreOptions(settings);
        KdfEnvironment.Apply(options.Vault);
        var services = new ServiceCollection().AddKeyfolioCore(options).BuildServiceProvider();
        var session = new CliSession(parse, services, console, parse.InvocationConfiguration.Error, interactive) { Settings = settings };
        // A restore must find the data directory as it is: without the store, nothing is created or migrated there.
        if (openStore)
        {
            await session.Get<KeyfolioStartup>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        session.Culture = Languages.Culture(parse.GetValue(GlobalOptions.Language))
            ?? Languages.Culture(openStore ? await session.Get<SettingsStore>().GetAsync(SettingsStore.Language, cancellationToken).ConfigureAwait(false) : null)
            ?? Languages.Culture(Languages.NameOf(CultureInfo.CurrentUICulture))
            ?? session.Culture;
        return session;
    }

    /// <summary>The core's options for a command: the data directory, the store (the same one <c>serve</c> uses) and the echo service.</summary>
    internal static KeyfolioCoreOptions CoreOptions(Configuration.KeyfolioSettings settings) => new()
    {
        DataDirectory = settings.DataDirectory,
        Store = settings.Store,
        EgressEchoUrl = settings.EgressEchoUrl,
    };

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Verifies the audit log in full; a broken log is reported (with how to reseal) and stops the command.</summary>
    public async Task<int?> RequireAuditAsync(CancellationToken cancellationToken)
    {
        try
        {
            var verification = await Get<AuditTrail>().VerifyAsync(cancellationToken).ConfigureAwait(false);
            if (verification.IsIntact)
            {
                return null;
            }

            return await FailAsync(new CoreError(
                CoreErrorKind.AuditFailed,
                Texts.Of("TheAuditLogFailedVerification", verification.Summary),
                Texts.Of("IfYouRestoredTheData"))).ConfigureAwait(false);
        }
        catch (Keyfolio.Vault.Audit.AuditLogException exception)
        {
            return await FailAsync(new CoreError(CoreErrorKind.AuditFailed, Texts.Of("AuditLogCannotOpen", exception.Message), Texts.Of("RestoreAuditKeyFromA"))).ConfigureAwait(false);
        }
    }

    /// <summary>Unlocks the vault with the master password from the file, the environment or a prompt.</summary>
    public async Task<int?> UnlockAsync(CancellationToken cancellationToken)
    {
        if (await RequireAuditAsync(cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var vault = Get<VaultAccess>();
        if (!await vault.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return await FailAsync(new CoreError(
                CoreErrorKind.VaultMissing,
                Texts.Of("NoVaultExistsIn", Get<KeyfolioDatabase>().DataDirectory),
                Texts.Of("CreateOneWithKeyfolioInit"))).ConfigureAwait(false);
        }

        var password = await ReadPasswordAsync(Texts.MasterPassword, cancellationToken).ConfigureAwait(false);
        if (password is null)
        {
            return await NoTerminalAsync(Texts.MasterPassword).ConfigureAwait(false);
        }

        var unlocked = await WithSpinnerAsync(Texts.Unlocking, () => vault.UnlockAsync(password, cancellationToken)).ConfigureAwait(false);
        return unlocked.IsSuccess ? null : await FailAsync(unlocked.Error).ConfigureAwait(false);
    }

    /// <summary>The master password from --password-file, KEYFOLIO_PASSWORD_FILE (a file only its owner may read and write)
    /// or a hidden prompt; null when none can be had.</summary>
    public async Task<string?> ReadPasswordAsync(LocalizedText prompt, CancellationToken cancellationToken)
    {
        var option = _parse.GetValue(GlobalOptions.PasswordFile)?.FullName;
        var file = option ?? Environment.GetEnvironmentVariable(PasswordFileVariable);
        if (!string.IsNullOrWhiteSpace(file))
        {
            return await SecretFile.ReadFirstLineAsync(file, option is null ? PasswordFileVariable : "passwordFile", cancellationToken).ConfigureAwait(false);
        }

        return PromptSecret(prompt);
    }

    /// <summary>A hidden prompt, or null without a terminal.</summary>
    public string? PromptSecret(LocalizedText prompt, bool allowEmpty = false)
    {
        if (!Interactive)
        {
            return null;
        }

        var question = new TextPrompt<string>(prompt.For(Culture) + ":").Secret();
        question.AllowEmpty = allowEmpty;
        return Console.Prompt(question);
    }

    public string? PromptText(LocalizedText prompt) =>
        Interactive ? Console.Prompt(new TextPrompt<string>(prompt.For(Culture) + ":") { AllowEmpty = true }) : null;

    public Task<int> NoTerminalAsync(LocalizedText what) => FailAsync(new CoreError(
        CoreErrorKind.BadInput,
        Texts.NoTerminal(what),
        Texts.NoTerminalFix));

    /// <summary>Runs network work behind a spinner on a terminal, plainly otherwise.</summary>
    public async Task<TResult> WithSpinnerAsync<TResult>(LocalizedText what, Func<Task<TResult>> work)
    {
        if (!Interactive || Json)
        {
            return await work().ConfigureAwait(false);
        }

        return await Console.Status().Spinner(Spinner.Known.Dots).StartAsync(what.For(Culture), _ => work()).ConfigureAwait(false);
    }

    /// <summary>Reports an error (what is wrong and what to do, in the session's language) and returns its exit code.</summary>
    public async Task<int> FailAsync(CoreError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var code = ExitCodes.For(error.Kind);
        if (Json)
        {
            WriteJson(new
            {
                error = new
                {
                    kind = error.Kind,
                    message = error.Message.For(Culture),
                    fix = error.Fix.For(Culture),
                    field = error.Field,
                    diagnosis = error.Diagnosis is { } d ? new { category = d.Category, exchangeCode = d.ExchangeCode, exchangeMessage = d.ExchangeMessage, httpStatus = d.HttpStatus, retryAt = d.RetryAt, callerIp = d.CallerIp } : null,
                    retryAt = error.RetryAt,
                    exitCode = code,
                },
            });
            return code;
        }

        await Error.WriteLineAsync($"{Texts.Error.For(Culture)}: {error.Message.For(Culture)}").ConfigureAwait(false);
        if (error.Diagnosis?.ExchangeWords is { } words)
        {
            await Error.WriteLineAsync($"  {words}").ConfigureAwait(false);
        }

        await Error.WriteLineAsync($"{Texts.Fix.For(Culture)}: {error.Fix.For(Culture)}").ConfigureAwait(false);
        return code;
    }

    public void WriteJson(object value) => Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    public void Line(string text) => Console.Profile.Out.Writer.WriteLine(text);

    public async ValueTask DisposeAsync()
    {
        await Get<VaultAccess>().LockAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
