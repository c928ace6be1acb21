using System.CommandLine;
using System.Globalization;
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
        command.Subcommands.Add(AlertRulesCommand.Create());
        command.Subcommands.Add(AlertChannelCommands.CreateSecret());
        command.Subcommands.Add(AlertChannelCommands.CreateWebhook());
        command.Subcommands.Add(AlertChannelCommands.CreateEmail());
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
                    message = a.Message.For(session.Culture),
                    fix = a.Fix.For(session.Culture),
                    at = a.At,
                    readAt = a.ReadAt,
                }).ToArray());
                return ExitCodes.Success;
            }

            if (alerts.Count == 0)
            {
                session.Line(Texts.Of("NoAlertsNothingKeyfolioNoticed").For(session.Culture));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns(
                Texts.Of("TimeUTC").For(session.Culture),
                Texts.Of("Severity").For(session.Culture),
                Texts.Connection.For(session.Culture),
                Texts.Of("WhatHappenedAndWhatTo").For(session.Culture));
            foreach (var alert in alerts)
            {
                table.AddRow(
                    alert.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + (alert.ReadAt is null ? " *" : string.Empty),
                    AlertCodes.ToCode(alert.Severity),
                    Markup.Escape(alert.ConnectionLabel is null ? "-" : $"{alert.ConnectionLabel} ({alert.ExchangeName})"),
                    Markup.Escape(alert.Message.For(session.Culture) + Environment.NewLine + alert.Fix.For(session.Culture)));
            }

            session.Console.Write(table);
            session.Line(marked > 0
                ? Texts.Of("NewMarkedReadNow", marked).For(session.Culture)
                : Texts.Of("NewNotYetMarkedRead").For(session.Culture));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A refusal of the command line itself, naming the option.</summary>
    internal static CoreError Errors(string field, LocalizedText message, LocalizedText fix) => new(CoreErrorKind.BadInput, message, fix) { Field = field };
}
