using System.CommandLine;
using System.Globalization;
using Keyfolio.Core;
using Keyfolio.Core.Alerts;
using Spectre.Console;

namespace Keyfolio.Cli.Commands;

/// <summary><c>keyfolio alerts rules</c>: the events, thresholds, quiet hours and paused channels, shown and changed.</summary>
internal static class AlertRulesCommand
{
    /// <summary>
    /// <c>keyfolio alerts rules</c>: shows the events that raise alerts, the thresholds, the quiet hours and the channels
    /// held back, and changes them with its options (as Settings does). Needs no password: none of it is secret.
    /// </summary>
    public static Command Create()
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
                session.Line(Texts.Of("SavedTheNextCheckWithin").For(session.Culture));
            }

            var table = new Table().AddColumns(Texts.Of("Event").For(session.Culture), Texts.Of("Code").For(session.Culture), Texts.Of("Alerts").For(session.Culture));
            foreach (var type in AlertRules.Optional.Concat(AlertRules.AlwaysOn))
            {
                table.AddRow(
                    Markup.Escape(AlertCodes.Title(type).For(session.Culture)),
                    AlertCodes.ToCode(type),
                    AlertRules.AlwaysOn.Contains(type) ? Texts.Of("OnAlways").For(session.Culture) : rules.IsOn(type) ? Texts.Of("On").For(session.Culture) : Texts.Of("Off").For(session.Culture));
            }

            session.Console.Write(table);
            var days = string.Join(", ", rules.ExpiryThresholds.Select(t => Math.Round(t.TotalDays, 2).ToString(CultureInfo.InvariantCulture)));
            session.Line(Texts.Of("ExpiryWarningsDaySBefore", days).For(session.Culture));
            session.Line((Texts.Of("UnusedAfterDaysBalancesOut", (int)rules.UnusedAfter.TotalDays, (int)rules.StaleAfter.TotalHours, rules.UnlockFailureThreshold)).For(session.Culture));
            session.Line(rules.Quiet is { } quietHours
                ? Texts.Of("QuietHoursOnlyCriticalAlerts", quietHours.Span, quietHours.TimeZoneId).For(session.Culture)
                : Texts.Of("NoQuietHours").For(session.Culture));
            session.Line(rules.ValueDropPercent is { } drop
                ? Texts.Of("AFallInValueOf", drop).For(session.Culture)
                : Texts.Of("AFallInValueRaises").For(session.Culture));
            session.Line(rules.IncludeFigures
                ? Texts.Of("AlertsMayCarryAmounts").For(session.Culture)
                : Texts.Of("AlertsCarryNoAmounts").For(session.Culture));
            var paused = string.Join(", ", rules.Paused.Order(StringComparer.Ordinal));
            session.Line(rules.Paused.Count == 0
                ? Texts.Of("NoChannelIsPaused").For(session.Culture)
                : Texts.Of("PausedTheNotificationsListStill", paused).For(session.Culture));
            return ExitCodes.Success;
        });
        return command;
    }

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
            return AlertsCommand.Errors("--figures", Texts.Of("FiguresAndNoFiguresSay"), Texts.Of("GiveOneOfThem"));
        }

        var quietText = parse.GetValue(quiet);
        if (quietText is not null && parse.GetValue(noQuiet))
        {
            return AlertsCommand.Errors("--quiet", Texts.Of("QuietAndNoQuietSay"), Texts.Of("GiveOneOfThem"));
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
}
