using System.CommandLine;
using Keyfolio.Cli.Input;
using Keyfolio.Core;
using Keyfolio.Core.Alerts;

namespace Keyfolio.Cli.Commands;

/// <summary><c>keyfolio alerts secret | webhook | email</c>: where alerts go, and the channels' secrets kept in the vault.</summary>
internal static class AlertChannelCommands
{
    /// <summary>
    /// <c>keyfolio alerts secret webhook|email</c>: keeps the webhook's signing secret or the mail server's password in the
    /// vault (from a file or a hidden prompt), or removes it with <c>--remove</c>. Needs the master password.
    /// </summary>
    public static Command CreateSecret()
    {
        var channel = new Argument<string>("channel") { Description = "webhook (its signing secret) or email (the mail server's password)." };
        channel.AcceptOnlyFromAmong([.. AlertChannelSecrets.Channels]);
        var secretFile = new Option<FileInfo?>("--secret-file") { Description = "Read the secret from the first line of this file (readable by its owner only) instead of prompting.", HelpName = "FILE" };
        var remove = new Option<bool>("--remove") { Description = "Delete the secret from the vault instead." };
        var command = new Command("secret", "Keep a channel's secret in the vault, encrypted like an exchange secret: the channel then waits while the vault is locked. A secret from the environment wins over it.")
        {
            channel, secretFile, remove,
        };
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            var name = parse.GetValue(channel)!;
            if (parse.GetValue(remove) && parse.GetValue(secretFile) is not null)
            {
                return await session.FailAsync(AlertsCommand.Errors("--remove", Texts.Of("RemoveAndSecretFileSay"), Texts.Of("GiveOneOfThem"))).ConfigureAwait(false);
            }

            if (await session.UnlockAsync(cancellationToken).ConfigureAwait(false) is { } locked)
            {
                return locked;
            }

            var secrets = session.Get<AlertChannelSecrets>();
            CoreResult<bool> outcome;
            if (parse.GetValue(remove))
            {
                outcome = await secrets.RemoveAsync(name, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var prompt = name == AlertChannelSecrets.Webhook ? Texts.Of("WebhookSecret") : Texts.Of("MailServerPassword");
                var secret = parse.GetValue(secretFile) is { } file
                    ? await SecretFile.ReadFirstLineAsync(file.FullName, "secretFile", cancellationToken).ConfigureAwait(false)
                    : session.PromptSecret(prompt);
                if (secret is null)
                {
                    return await session.NoTerminalAsync(prompt).ConfigureAwait(false);
                }

                outcome = await secrets.StoreAsync(name, secret, cancellationToken).ConfigureAwait(false);
            }

            if (!outcome.IsSuccess)
            {
                return await session.FailAsync(outcome.Error! with { Field = outcome.Error.Field == "secret" ? "--secret-file" : outcome.Error.Field }).ConfigureAwait(false);
            }

            var state = await secrets.StateAsync(name, cancellationToken).ConfigureAwait(false);
            if (session.Json)
            {
                session.WriteJson(new { channel = name, secret = state switch { ChannelSecretState.Environment => "environment", ChannelSecretState.None => "none", _ => "vault" } });
                return ExitCodes.Success;
            }

            session.Line(state switch
            {
                ChannelSecretState.Environment => Texts.Of("DoneNoteThatSSecret", name).For(session.Culture),
                ChannelSecretState.None => Texts.Of("RemovedHasNoSecretIn", name).For(session.Culture),
                _ => Texts.Of("StoredInTheVaultUses", name).For(session.Culture),
            });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// <c>keyfolio alerts webhook</c>: shows the webhook in use (scheme and host only) and, with options, keeps one in the
    /// vault as Settings does: its address from an owner-only file or a hidden prompt (never the command line, which other
    /// users of the machine can read), its form, or removes it.
    /// </summary>
    public static Command CreateWebhook()
    {
        var urlFile = new Option<FileInfo?>("--url-file") { Description = "Read the receiver's address from the first line of this file (readable by its owner only).", HelpName = "FILE" };
        var askUrl = new Option<bool>("--ask-url") { Description = "Ask for the receiver's address at a hidden prompt." };
        var preset = new Option<string?>("--preset") { Description = "The form of the posts: json (signed), ntfy, slack or discord.", HelpName = "FORM" };
        preset.AcceptOnlyFromAmong("json", "ntfy", "slack", "discord");
        var remove = new Option<bool>("--remove") { Description = "Remove the webhook kept in the vault." };
        var command = new Command("webhook", "Show the webhook, or keep one in the vault (its address can carry a token): --url-file or --ask-url, --preset, --remove. A configured Alerts:Webhook:Url wins.")
        {
            urlFile, askUrl, preset, remove,
        };
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            var secrets = session.Get<AlertChannelSecrets>();
            var changing = parse.GetValue(remove) || parse.GetValue(urlFile) is not null || parse.GetValue(askUrl) || parse.GetValue(preset) is not null;
            if (changing)
            {
                if (await session.UnlockAsync(cancellationToken).ConfigureAwait(false) is { } locked)
                {
                    return locked;
                }

                CoreResult<bool> outcome;
                if (parse.GetValue(remove))
                {
                    outcome = await secrets.RemoveWebhookAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var prompt = Texts.Of("WebhookAddress");
                    var url = parse.GetValue(urlFile) is { } file
                        ? await SecretFile.ReadFirstLineAsync(file.FullName, "urlFile", cancellationToken).ConfigureAwait(false)
                        : parse.GetValue(askUrl) ? session.PromptSecret(prompt) : string.Empty;
                    if (url is null)
                    {
                        return await session.NoTerminalAsync(prompt).ConfigureAwait(false);
                    }

                    var current = await secrets.WebhookAsync(cancellationToken).ConfigureAwait(false);
                    var form = parse.GetValue(preset) is { } name ? Enum.Parse<WebhookPreset>(name, ignoreCase: true) : current.Preset;
                    outcome = await secrets.SaveWebhookAsync(url, form, cancellationToken).ConfigureAwait(false);
                }

                if (!outcome.IsSuccess)
                {
                    return await session.FailAsync(outcome.Error! with { Field = outcome.Error.Field == "url" ? "--url-file" : outcome.Error.Field }).ConfigureAwait(false);
                }
            }

            var webhook = await secrets.WebhookAsync(cancellationToken).ConfigureAwait(false);
            var source = Source(webhook.Source);
            if (session.Json)
            {
                session.WriteJson(new { source, host = webhook.Host, preset = webhook.Preset.ToString().ToLowerInvariant() });
                return ExitCodes.Success;
            }

            session.Line(webhook.Host is { } host
                ? (Texts.Of("WebhookPostsToSetBy", host, webhook.Preset.ToString().ToLowerInvariant(), source)).For(session.Culture)
                : webhook.Source == ChannelSecretState.VaultLocked
                    ? Texts.Of("WebhookKeptInTheVault").For(session.Culture)
                    : Texts.Of("WebhookOffKeepOneWith").For(session.Culture));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>keyfolio alerts email</c>: shows the mail server in use and, with options, sets one as Settings does.</summary>
    public static Command CreateEmail()
    {
        var host = new Option<string?>("--host") { Description = "The mail server's host name.", HelpName = "HOST" };
        var port = new Option<int?>("--port") { Description = "Its port (default 587 for starttls, 465 for tls).", HelpName = "PORT" };
        var security = new Option<string?>("--security") { Description = "starttls (default), tls, or none (a relay on this machine only).", HelpName = "MODE" };
        security.AcceptOnlyFromAmong("starttls", "tls", "none");
        var user = new Option<string?>("--user") { Description = "The user name to sign in with (its password: keyfolio alerts secret email).", HelpName = "NAME" };
        var from = new Option<string?>("--from") { Description = "The sender's address.", HelpName = "ADDRESS" };
        var to = new Option<string[]>("--to") { Description = "A recipient; repeatable.", HelpName = "ADDRESS", AllowMultipleArgumentsPerToken = false };
        var pin = new Option<string?>("--certificate-sha256") { Description = "For a relay with a certificate of its own making: its SHA-256 fingerprint.", HelpName = "HEX" };
        var remove = new Option<bool>("--remove") { Description = "Forget the mail server set here." };
        var command = new Command("email", "Show the mail server alerts are sent through, or set one (--host, --from and --to at least) as Settings does; nothing here is secret. A configured Alerts:Smtp:Host wins.")
        {
            host, port, security, user, from, to, pin, remove,
        };
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            var secrets = session.Get<AlertChannelSecrets>();
            if (parse.GetValue(remove))
            {
                await secrets.RemoveEmailAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (parse.GetValue(host) is not null || parse.GetValue(from) is not null || (parse.GetValue(to) ?? []).Length > 0)
            {
                var email = new EmailOptions
                {
                    Host = parse.GetValue(host),
                    Port = parse.GetValue(port),
                    Security = parse.GetValue(security) switch { "tls" => SmtpSecurity.Tls, "none" => SmtpSecurity.None, _ => SmtpSecurity.StartTls },
                    UserName = parse.GetValue(user),
                    From = parse.GetValue(from),
                    CertificateSha256 = parse.GetValue(pin)?.Replace(":", string.Empty, StringComparison.Ordinal),
                };
                foreach (var address in parse.GetValue(to) ?? [])
                {
                    email.To.Add(address);
                }

                var saved = await secrets.SaveEmailAsync(email, cancellationToken).ConfigureAwait(false);
                if (!saved.IsSuccess)
                {
                    return await session.FailAsync(saved.Error! with { Field = saved.Error.Field switch { "certificateSha256" => "--certificate-sha256", "security" => "--security", { } field => "--" + field, null => null } }).ConfigureAwait(false);
                }
            }

            var (source, mail) = await secrets.EmailAsync(cancellationToken).ConfigureAwait(false);
            if (session.Json)
            {
                session.WriteJson(new { source = Source(source), host = mail?.Host, port = mail?.EffectivePort, security = mail?.Security.ToString().ToLowerInvariant(), user = mail?.UserName, from = mail?.From, recipients = mail?.To.Count ?? 0 });
                return ExitCodes.Success;
            }

            session.Line(mail is not null
                ? (Texts.Of("EMailThroughToRecipient", mail.Host, mail.EffectivePort, mail.Security.ToString().ToLowerInvariant(), mail.To.Count, Source(source))).For(session.Culture)
                : Texts.Of("EMailOffSetOne").For(session.Culture));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Where a channel's setting comes from, as the CLI says it.</summary>
    private static string Source(ChannelSecretState state) => state switch
    {
        ChannelSecretState.Environment => "configuration",
        ChannelSecretState.None => "none",
        ChannelSecretState.Settings => "settings",
        _ => "vault",
    };
}
