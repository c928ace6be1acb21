using System.CommandLine;
using System.Globalization;
using Keyfolio.Cli.Input;
using Keyfolio.Core;
using Keyfolio.Core.Alerts;
using Keyfolio.Exchanges;
using Spectre.Console;

namespace Keyfolio.Cli.Commands;

/// <summary>
/// <c>keyfolio alerts [--unread] [--limit N] [--mark-read]</c>: looks at the stored key facts now (no exchange is called
/// and the vault may stay locked), then lists the alerts, newest first, as the notifications page does.
/// </summary>
internal static class AlertsCommand
{
    public static Command Create()
    {
        var unread = new Option<bool>("--unread") { Description = "Only the alerts not yet marked read." };
        var limit = new Option<int>("--limit") { Description = "How many of the newest alerts to show (1 to 500).", DefaultValueFactory = _ => 50 };
        limit.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is < 1 or > 500)
            {
                result.AddError("--limit must be a whole number from 1 to 500.");
            }
        });
        var markRead = new Option<bool>("--mark-read") { Description = "Mark the alerts shown read (here and on the notifications page)." };
        var command = new Command("alerts", "Show what Keyfolio noticed about your keys: failing, expiring, can withdraw, unused, balances not read in full.")
        {
            unread, limit, markRead,
        };
        command.Subcommands.Add(CreateRules());
        command.Subcommands.Add(CreateSecret());
        command.Subcommands.Add(CreateWebhook());
        command.Subcommands.Add(CreateEmail());
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            var monitor = session.Get<AlertMonitor>();
            await monitor.DetectAsync(cancellationToken).ConfigureAwait(false);
            var alerts = await monitor.ListAsync(parse.GetValue(limit), parse.GetValue(unread), cancellationToken).ConfigureAwait(false);
            var marked = parse.GetValue(markRead) && alerts.Count > 0
                ? await monitor.MarkReadAsync(alerts.Max(a => a.Id), cancellationToken).ConfigureAwait(false)
                : 0;
            if (session.Json)
            {
                session.WriteJson(alerts.Select(a => new
                {
                    id = a.Id,
                    type = AlertCodes.ToCode(a.Type),
                    severity = AlertCodes.ToCode(a.Severity),
                    connectionId = a.ConnectionId,
                    connection = a.ConnectionLabel,
                    exchange = a.Exchange?.ToName(),
                    message = session.T(a.Message),
                    fix = session.T(a.Fix),
                    at = a.At,
                    readAt = a.ReadAt,
                }).ToArray());
                return ExitCodes.Success;
            }

            if (alerts.Count == 0)
            {
                session.Line(session.T(new("No alerts: nothing Keyfolio noticed needs you now.", "没有提醒：目前没有需要您处理的问题。")));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns(
                session.T(new("Time (UTC)", "时间（UTC）")),
                session.T(new("Severity", "严重程度")),
                session.T(Texts.Connection),
                session.T(new("What happened and what to do", "发生了什么、该怎么做")));
            foreach (var alert in alerts)
            {
                table.AddRow(
                    alert.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + (alert.ReadAt is null ? " *" : string.Empty),
                    AlertCodes.ToCode(alert.Severity),
                    Markup.Escape(alert.ConnectionLabel is null ? "-" : $"{alert.ConnectionLabel} ({alert.ExchangeName})"),
                    Markup.Escape(session.T(alert.Message) + Environment.NewLine + session.T(alert.Fix)));
            }

            session.Console.Write(table);
            session.Line(marked > 0
                ? session.T(new($"* new; {marked} marked read now.", $"* 为新提醒；已将 {marked} 条标为已读。"))
                : session.T(new("* new (not yet marked read; --mark-read marks them).", "* 为新提醒（尚未标为已读；--mark-read 可标为已读）。")));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// <c>keyfolio alerts rules</c>: shows the events that raise alerts, the thresholds, the quiet hours and the channels
    /// held back, and changes them with its options (as Settings does). Needs no password: none of it is secret.
    /// </summary>
    private static Command CreateRules()
    {
        var off = new Option<string[]>("--off") { Description = "Raise no alert for this event (its code, e.g. key.unused); repeatable.", HelpName = "EVENT", AllowMultipleArgumentsPerToken = false };
        var on = new Option<string[]>("--on") { Description = "Raise alerts for this event again; repeatable.", HelpName = "EVENT", AllowMultipleArgumentsPerToken = false };
        var expiryDays = new Option<string>("--expiry-days") { Description = "Warn this many days before a key expires, e.g. \"7,1\" (up to four).", HelpName = "DAYS" };
        var unusedDays = new Option<int?>("--unused-days") { Description = "A key is unused after this many days without a successful use (1 to 365)." };
        var staleHours = new Option<int?>("--stale-hours") { Description = "Balances are out of date after this many hours without a reading (1 to 720)." };
        var unlockFailures = new Option<int?>("--unlock-failures") { Description = "This many failed unlocks raise an alert (1 to 100)." };
        var quiet = new Option<string>("--quiet") { Description = "Quiet hours, when only critical alerts are sent: \"22:00-07:00 Europe/Berlin\" (24-hour time and an IANA time zone).", HelpName = "FROM-TO ZONE" };
        var noQuiet = new Option<bool>("--no-quiet") { Description = "No quiet hours." };
        var valueDrop = new Option<int?>("--value-drop") { Description = "Alert when the portfolio's value falls by more than this many per cent between two readings (1 to 90); 0 turns it off (the default).", HelpName = "PERCENT" };
        var figures = new Option<bool>("--figures") { Description = "Let alerts carry amounts (a drop's values before and after); off by default." };
        var noFigures = new Option<bool>("--no-figures") { Description = "Keep amounts out of alerts (the default)." };
        var pause = new Option<string[]>("--pause") { Description = "Send nothing to this channel for now (webhook or email); the notifications list keeps every alert. Repeatable.", HelpName = "CHANNEL", AllowMultipleArgumentsPerToken = false };
        var resume = new Option<string[]>("--resume") { Description = "Send to this channel again; repeatable.", HelpName = "CHANNEL", AllowMultipleArgumentsPerToken = false };
        var command = new Command("rules", "Show or change what raises an alert: the events, how early expiry is announced, when a key is unused, quiet hours, and the channels held back.")
        {
            off, on, expiryDays, unusedDays, staleHours, unlockFailures, quiet, noQuiet, valueDrop, figures, noFigures, pause, resume,
        };
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            var service = session.Get<AlertRulesService>();
            var change = Change(parse, off, on, expiryDays, unusedDays, staleHours, unlockFailures, quiet, noQuiet, valueDrop, figures, noFigures, pause, resume);
            if (!change.IsSuccess)
            {
                return await session.FailAsync(change.Error!).ConfigureAwait(false);
            }

            var changed = !change.Value!.IsEmpty;
            var outcome = changed
                ? await service.ChangeAsync(change.Value, cancellationToken).ConfigureAwait(false)
                : CoreResult<AlertRules>.Success(await service.GetAsync(cancellationToken).ConfigureAwait(false));
            if (!outcome.IsSuccess)
            {
                return await session.FailAsync(OptionNamed(outcome.Error!)).ConfigureAwait(false);
            }

            var rules = outcome.Value!;
            if (session.Json)
            {
                session.WriteJson(new
                {
                    events = AlertRules.Optional.Concat(AlertRules.AlwaysOn).Select(t => new { code = AlertCodes.ToCode(t), on = rules.IsOn(t), canTurnOff = !AlertRules.AlwaysOn.Contains(t) }).ToArray(),
                    expiryDays = rules.ExpiryThresholds.Select(t => Math.Round(t.TotalDays, 2)).ToArray(),
                    unusedDays = (int)rules.UnusedAfter.TotalDays,
                    staleHours = (int)rules.StaleAfter.TotalHours,
                    unlockFailures = rules.UnlockFailureThreshold,
                    valueDropPercent = rules.ValueDropPercent,
                    figures = rules.IncludeFigures,
                    quiet = rules.Quiet is { } q ? new { from = q.From.ToString("HH:mm", CultureInfo.InvariantCulture), to = q.To.ToString("HH:mm", CultureInfo.InvariantCulture), timeZone = q.TimeZoneId } : null,
                    paused = rules.Paused.Order(StringComparer.Ordinal).ToArray(),
                });
                return ExitCodes.Success;
            }

            if (changed)
            {
                session.Line(session.T(new("Saved; the next check (within a minute for `keyfolio serve`) follows these rules.", "已保存；下一次检查（`keyfolio serve` 运行时一分钟内）即按以下规则执行。")));
            }

            var table = new Table().AddColumns(session.T(new("Event", "事件")), session.T(new("Code", "代码")), session.T(new("Alerts", "提醒")));
            foreach (var type in AlertRules.Optional.Concat(AlertRules.AlwaysOn))
            {
                table.AddRow(
                    Markup.Escape(session.T(AlertCodes.Title(type))),
                    AlertCodes.ToCode(type),
                    AlertRules.AlwaysOn.Contains(type) ? session.T(new("on (always)", "开启（始终）")) : rules.IsOn(type) ? session.T(new("on", "开启")) : session.T(new("off", "关闭")));
            }

            session.Console.Write(table);
            var days = string.Join(", ", rules.ExpiryThresholds.Select(t => Math.Round(t.TotalDays, 2).ToString(CultureInfo.InvariantCulture)));
            session.Line(session.T(new($"Expiry warnings: {days} day(s) before.", $"到期提醒：提前 {days} 天。")));
            session.Line(session.T(new($"Unused after {(int)rules.UnusedAfter.TotalDays} days; balances out of date after {(int)rules.StaleAfter.TotalHours} hours; {rules.UnlockFailureThreshold} failed unlocks raise an alert.", $"{(int)rules.UnusedAfter.TotalDays} 天未使用即为闲置；{(int)rules.StaleAfter.TotalHours} 小时未读取余额即为过期；解锁失败 {rules.UnlockFailureThreshold} 次即提醒。")));
            session.Line(rules.Quiet is { } quietHours
                ? session.T(new($"Quiet hours: {quietHours.Span} ({quietHours.TimeZoneId}); only critical alerts are sent then.", $"免打扰时段：{quietHours.Span}（{quietHours.TimeZoneId}）；其间只发送严重提醒。"))
                : session.T(new("No quiet hours.", "无免打扰时段。")));
            session.Line(rules.ValueDropPercent is { } drop
                ? session.T(new($"A fall in value of more than {drop}% between two readings raises an alert.", $"两次读取之间总值下跌超过 {drop}% 即提醒。"))
                : session.T(new("A fall in value raises no alert (--value-drop PERCENT turns it on).", "总值下跌不提醒（--value-drop 百分比 可开启）。")));
            session.Line(rules.IncludeFigures
                ? session.T(new("Alerts may carry amounts.", "提醒中可包含金额。"))
                : session.T(new("Alerts carry no amounts.", "提醒中不含金额。")));
            var paused = string.Join(", ", rules.Paused.Order(StringComparer.Ordinal));
            session.Line(rules.Paused.Count == 0
                ? session.T(new("No channel is paused.", "没有暂停的渠道。"))
                : session.T(new($"Paused: {paused} (the notifications list still has every alert).", $"已暂停：{paused}（通知列表仍保留所有提醒）。")));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// <c>keyfolio alerts secret webhook|email</c>: keeps the webhook's signing secret or the mail server's password in the
    /// vault (from a file or a hidden prompt), or removes it with <c>--remove</c>. Needs the master password.
    /// </summary>
    private static Command CreateSecret()
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
                return await session.FailAsync(Errors("--remove", new("--remove and --secret-file say opposite things.", "--remove 与 --secret-file 相互矛盾。"), new("Give one of them.", "请只给出其中一个。"))).ConfigureAwait(false);
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
                var prompt = name == AlertChannelSecrets.Webhook ? new LocalizedText("Webhook secret", "Webhook 密钥") : new LocalizedText("Mail server password", "邮件服务器密码");
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
                ChannelSecretState.Environment => session.T(new($"Done; note that {name}'s secret from the environment is the one in use while it is set.", $"已完成；请注意，只要环境变量中设置了 {name} 的密钥，使用的就是它。")),
                ChannelSecretState.None => session.T(new($"Removed: {name} has no secret in the vault now.", $"已删除：{name} 在保险库中已没有密钥。")),
                _ => session.T(new($"Stored in the vault: {name} uses it while the vault is unlocked and waits while it is locked.", $"已保存到保险库：保险库解锁时 {name} 使用它，锁定时等待。")),
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
    private static Command CreateWebhook()
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
                    var prompt = new LocalizedText("Webhook address", "Webhook 地址");
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
                ? session.T(new($"Webhook: posts to {host} ({webhook.Preset.ToString().ToLowerInvariant()}), set by the {source}.", $"Webhook：投递到 {host}（{webhook.Preset.ToString().ToLowerInvariant()}），来源：{source}。"))
                : webhook.Source == ChannelSecretState.VaultLocked
                    ? session.T(new("Webhook: kept in the vault, which is locked; its alerts wait until it is unlocked.", "Webhook：保存在已锁定的保险库中；其提醒将等待解锁。"))
                    : session.T(new("Webhook: off. Keep one with --url-file FILE (or --ask-url), or set KEYFOLIO_ALERTS__WEBHOOK__URL.", "Webhook：未开启。可用 --url-file 文件（或 --ask-url）保存，或设置 KEYFOLIO_ALERTS__WEBHOOK__URL。")));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>keyfolio alerts email</c>: shows the mail server in use and, with options, sets one as Settings does.</summary>
    private static Command CreateEmail()
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
                session.WriteJson(new { source = Source(source, "settings"), host = mail?.Host, port = mail?.EffectivePort, security = mail?.Security.ToString().ToLowerInvariant(), user = mail?.UserName, from = mail?.From, recipients = mail?.To.Count ?? 0 });
                return ExitCodes.Success;
            }

            session.Line(mail is not null
                ? session.T(new($"E-mail: through {mail.Host}:{mail.EffectivePort} ({mail.Security.ToString().ToLowerInvariant()}) to {mail.To.Count} recipient(s), set by the {Source(source, "settings")}.", $"电子邮件：通过 {mail.Host}:{mail.EffectivePort}（{mail.Security.ToString().ToLowerInvariant()}）发给 {mail.To.Count} 位收件人，来源：{Source(source, "settings")}。"))
                : session.T(new("E-mail: off. Set one with --host, --from and --to, or with KEYFOLIO_ALERTS__SMTP__HOST and the others.", "电子邮件：未开启。可用 --host、--from 和 --to 设置，或设置 KEYFOLIO_ALERTS__SMTP__HOST 等。")));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Where a channel's setting comes from, as the CLI says it.</summary>
    private static string Source(ChannelSecretState state, string kept = "vault") => state switch
    {
        ChannelSecretState.Environment => "configuration",
        ChannelSecretState.None => "none",
        _ => kept,
    };

    /// <summary>The change the options ask for, or a refusal naming the option.</summary>
    private static CoreResult<AlertRulesChange> Change(
        ParseResult parse,
        Option<string[]> off,
        Option<string[]> on,
        Option<string> expiryDays,
        Option<int?> unusedDays,
        Option<int?> staleHours,
        Option<int?> unlockFailures,
        Option<string> quiet,
        Option<bool> noQuiet,
        Option<int?> valueDrop,
        Option<bool> figures,
        Option<bool> noFigures,
        Option<string[]> pause,
        Option<string[]> resume)
    {
        if (parse.GetValue(figures) && parse.GetValue(noFigures))
        {
            return Errors("--figures", new("--figures and --no-figures say opposite things.", "--figures 与 --no-figures 相互矛盾。"), new("Give one of them.", "请只给出其中一个。"));
        }

        var quietText = parse.GetValue(quiet);
        if (quietText is not null && parse.GetValue(noQuiet))
        {
            return Errors("--quiet", new("--quiet and --no-quiet say opposite things.", "--quiet 与 --no-quiet 相互矛盾。"), new("Give one of them.", "请只给出其中一个。"));
        }

        return new AlertRulesChange
        {
            Off = parse.GetValue(off) ?? [],
            On = parse.GetValue(on) ?? [],
            ExpiryDays = parse.GetValue(expiryDays),
            UnusedDays = parse.GetValue(unusedDays),
            StaleHours = parse.GetValue(staleHours),
            UnlockFailures = parse.GetValue(unlockFailures),
            Quiet = parse.GetValue(noQuiet) ? string.Empty : quietText,
            ValueDropPercent = parse.GetValue(valueDrop),
            Figures = parse.GetValue(figures) ? true : parse.GetValue(noFigures) ? false : null,
            Pause = parse.GetValue(pause) ?? [],
            Resume = parse.GetValue(resume) ?? [],
        };
    }

    /// <summary>A refusal names the option the person typed (<c>--expiry-days</c>), not the change's field (<c>expiryDays</c>).</summary>
    private static CoreError OptionNamed(CoreError error) => error.Field switch
    {
        "valueDropPercent" => error with { Field = "--value-drop" },
        { Length: > 0 } field => error with { Field = "--" + string.Concat(field.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString())) },
        _ => error,
    };

    private static CoreError Errors(string field, LocalizedText message, LocalizedText fix) => new(CoreErrorKind.BadInput, message, fix) { Field = field };
}
