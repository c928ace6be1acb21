using System.Globalization;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Settings;
using Keyfolio.Vault.Audit;

namespace Keyfolio.Core.Alerts;

/// <summary>
/// Reads and changes the <see cref="AlertRules"/>. A change applies to the next check and the next delivery (within a
/// minute); nothing already sent is taken back, and an event turned on again alerts if it holds then.
/// </summary>
public sealed class AlertRulesService(SettingsStore settings, AlertOptions options, AuditTrail audit)
{
    public const string OffSetting = "alerts.off";
    public const string ExpirySetting = "alerts.expiry_hours";
    public const string UnusedSetting = "alerts.unused_days";
    public const string StaleSetting = "alerts.stale_hours";
    public const string UnlockFailuresSetting = "alerts.unlock_failures";
    public const string QuietSetting = "alerts.quiet";
    public const string PausedSetting = "alerts.paused";
    public const string ValueDropSetting = "alerts.value_drop_percent";
    public const string FiguresSetting = "alerts.figures";

    /// <summary>How a rule that is off is stored, so that it stays off when the configuration turns it on.</summary>
    private const string Off = "off";

    private static readonly TimeSpan MaxExpiry = TimeSpan.FromDays(365);

    /// <summary>The rules in force: what the person chose, else what Keyfolio was configured with.</summary>
    public async Task<AlertRules> GetAsync(CancellationToken cancellationToken)
    {
        var values = await settings.GetAllAsync(cancellationToken).ConfigureAwait(false);
        var configured = AlertRules.From(options);
        return configured with
        {
            Off = Codes(values, OffSetting) is { } off ? off.Select(c => AlertCodes.TryParse(c, out var t) ? t : (AlertType?)null).OfType<AlertType>().Where(AlertRules.Optional.Contains).ToHashSet() : configured.Off,
            ExpiryThresholds = Codes(values, ExpirySetting) is { Count: > 0 } hours
                ? [.. hours.Select(h => int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? TimeSpan.FromHours(n) : (TimeSpan?)null).OfType<TimeSpan>().OrderByDescending(t => t)]
                : configured.ExpiryThresholds,
            UnusedAfter = Whole(values, UnusedSetting) is { } days ? TimeSpan.FromDays(days) : configured.UnusedAfter,
            StaleAfter = Whole(values, StaleSetting) is { } staleHours ? TimeSpan.FromHours(staleHours) : configured.StaleAfter,
            UnlockFailureThreshold = Whole(values, UnlockFailuresSetting) ?? configured.UnlockFailureThreshold,
            Quiet = values.TryGetValue(QuietSetting, out var quiet) && ParseQuiet(quiet) is { IsSuccess: true } parsed ? parsed.Value : configured.Quiet,
            Paused = Codes(values, PausedSetting) is { } paused ? paused.Where(AlertRules.PausableChannels.Contains).ToHashSet(StringComparer.Ordinal) : configured.Paused,
            ValueDropPercent = values.TryGetValue(ValueDropSetting, out var drop) ? (drop == Off ? null : Whole(values, ValueDropSetting)) : configured.ValueDropPercent,
            IncludeFigures = values.TryGetValue(FiguresSetting, out var figures) ? figures == "true" : configured.IncludeFigures,
        };
    }

    /// <summary>
    /// Checks and keeps the rules, and records the change in the audit log in the same transaction (an alert turned off is
    /// a change someone may need to account for). Only what differs from the rules in force is written, so a rule never
    /// chosen keeps following the configuration. Each refusal names its field and how to fix it, and keeps nothing.
    /// </summary>
    public async Task<CoreResult<AlertRules>> SaveAsync(AlertRules rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (Check(rules) is { } problem)
        {
            return problem;
        }

        var current = await GetAsync(cancellationToken).ConfigureAwait(false);
        var before = Stored(current);
        var after = Stored(rules);
        var changed = after.Where(pair => before[pair.Key] != pair.Value).Select(pair => pair.Key).ToList();
        if (changed.Count == 0)
        {
            return current;
        }

        var entry = new AuditEvent(AuditActor.Current, AuditAction.AlertRulesChanged) { Outcome = Describe(changed, after) };
        try
        {
            await audit.AppendWithAsync<CoreError>(
                entry,
                async (connection, transaction) =>
                {
                    await settings.WriteAsync(connection, transaction, changed.ToDictionary(name => name, name => after[name], StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
                    return null;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AuditLogException exception)
        {
            return Errors.AuditFailed(exception.Message);
        }

        return await GetAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies a change as the CLI and the REST API describe one (events turned off and on, thresholds, quiet hours,
    /// channels paused and resumed) to the rules in force and keeps the result; refusals name the change's fields.
    /// </summary>
    public async Task<CoreResult<AlertRules>> ChangeAsync(AlertRulesChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var current = await GetAsync(cancellationToken).ConfigureAwait(false);
        var applied = change.ApplyTo(current);
        if (!applied.IsSuccess)
        {
            return applied.Error!;
        }

        var saved = await SaveAsync(applied.Value!, cancellationToken).ConfigureAwait(false);
        return saved.IsSuccess ? saved : saved.Error! with { Field = AlertRulesChange.FieldOf(saved.Error!.Field) };
    }

    private static CoreError? Check(AlertRules rules)
    {
        if (rules.Off.Where(AlertRules.AlwaysOn.Contains).Select(t => (AlertType?)t).FirstOrDefault() is { } always)
        {
            return Errors.BadInput(
                "events",
                Texts.Of("CannotBeTurnedOffA", AlertCodes.ToCode(always)),
                Texts.Of("LeaveItOnTurnOff"));
        }

        if (rules.ExpiryThresholds.Count is 0 or > AlertRules.MaxExpiryThresholds || rules.ExpiryThresholds.Any(t => t < TimeSpan.FromHours(1) || t > MaxExpiry))
        {
            return Errors.BadInput(
                "expiryDays",
                Texts.Of("GiveOneToWarningTimes", AlertRules.MaxExpiryThresholds),
                Texts.Of("ForExample71A"));
        }

        if (rules.UnusedAfter < TimeSpan.FromDays(1) || rules.UnusedAfter > MaxExpiry)
        {
            return Errors.BadInput(
                "unusedDays",
                Texts.Of("AKeyCountsAsUnused"),
                Texts.Of("ForExample30Days"));
        }

        if (rules.StaleAfter < TimeSpan.FromHours(1) || rules.StaleAfter > TimeSpan.FromDays(30))
        {
            return Errors.BadInput(
                "staleHours",
                Texts.Of("BalancesCountAsOutOf"),
                Texts.Of("ForExample24Hours"));
        }

        if (rules.ValueDropPercent is < 1 or > 90)
        {
            return Errors.BadInput(
                "valueDropPercent",
                Texts.Of("ADropInValueIs"),
                Texts.Of("ForExample10LeaveIt"));
        }

        if (rules.UnlockFailureThreshold is < 1 or > 100)
        {
            return Errors.BadInput(
                "unlockFailures",
                Texts.Of("TheNumberOfFailedUnlocks"),
                Texts.Of("ForExample5"));
        }

        return null;
    }

    /// <summary>The rules as the settings table keeps them.</summary>
    private static Dictionary<string, string?> Stored(AlertRules rules) =>
        new(StringComparer.Ordinal)
        {
            [OffSetting] = string.Join(',', rules.Off.Where(AlertRules.Optional.Contains).Select(AlertCodes.ToCode).Order(StringComparer.Ordinal)),
            [ExpirySetting] = string.Join(',', rules.ExpiryThresholds.OrderByDescending(t => t).Select(t => ((long)t.TotalHours).ToString(CultureInfo.InvariantCulture))),
            [UnusedSetting] = ((long)rules.UnusedAfter.TotalDays).ToString(CultureInfo.InvariantCulture),
            [StaleSetting] = ((long)rules.StaleAfter.TotalHours).ToString(CultureInfo.InvariantCulture),
            [UnlockFailuresSetting] = rules.UnlockFailureThreshold.ToString(CultureInfo.InvariantCulture),
            [QuietSetting] = rules.Quiet is { } quiet ? quiet.Span + " " + quiet.TimeZoneId : null,
            [PausedSetting] = string.Join(',', rules.Paused.Where(AlertRules.PausableChannels.Contains).Order(StringComparer.Ordinal)),
            [ValueDropSetting] = rules.ValueDropPercent?.ToString(CultureInfo.InvariantCulture) ?? Off,
            [FiguresSetting] = rules.IncludeFigures ? "true" : "false",
        };

    /// <summary>What changed, for the audit entry: the settings' values, none of them secret, within the entry's limit.</summary>
    private static string Describe(IEnumerable<string> changed, Dictionary<string, string?> after)
    {
        var text = string.Join("; ", changed.Select(name => $"{name}={after[name] ?? "none"}"));
        return text.Length <= AuditLog.MaxFieldLength ? text : text[..(AuditLog.MaxFieldLength - 1)] + "…";
    }

    /// <summary>
    /// Reads warning times before expiry as people write them: whole days separated by commas or spaces (<c>7, 1</c>).
    /// </summary>
    public static CoreResult<IReadOnlyList<TimeSpan>> ParseExpiryDays(string? text)
    {
        var parts = (text ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var days = new List<TimeSpan>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day is < 1 or > 365)
            {
                return Errors.BadInput(
                    "expiryDays",
                    Texts.Of("IsNotANumberOf", Shorten(part)),
                    Texts.Of("WriteWholeDaysSeparatedBy"));
            }

            days.Add(TimeSpan.FromDays(day));
        }

        if (days.Count is 0 or > AlertRules.MaxExpiryThresholds)
        {
            return Errors.BadInput(
                "expiryDays",
                Texts.Of("GiveOneToWarningTimes2", AlertRules.MaxExpiryThresholds),
                Texts.Of("ForExample71A"));
        }

        return CoreResult<IReadOnlyList<TimeSpan>>.Success([.. days.Distinct().OrderDescending()]);
    }

    /// <summary>
    /// Reads quiet hours as <c>22:00-07:00</c> followed by an IANA time zone (<c>22:00-07:00 Europe/Berlin</c>); the
    /// zone may be left out when <paramref name="zone"/> gives it.
    /// </summary>
    public static CoreResult<QuietHours> ParseQuiet(string? text, string? zone = null)
    {
        var parts = (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var span = parts.Length > 0 ? parts[0].Split('-') : [];
        var zoneId = parts.Length > 1 ? parts[1] : zone;
        if (span.Length != 2
            || !TimeOnly.TryParseExact(span[0], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !TimeOnly.TryParseExact(span[1], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            return Errors.BadInput(
                "quietHours",
                Texts.Of("QuietHoursAreWrittenFrom"),
                Texts.Of("WriteTheStartAndThe"));
        }

        if (from == to)
        {
            return Errors.BadInput(
                "quietHours",
                Texts.Of("QuietHoursMustEndAt"),
                Texts.Of("ForExample220007"));
        }

        if (string.IsNullOrWhiteSpace(zoneId) || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out _))
        {
            return Errors.BadInput(
                "quietZone",
                Texts.Of("IsNotATimeZone", Shorten(zoneId ?? string.Empty)),
                Texts.Of("GiveAnIANATimeZone"));
        }

        return new QuietHours(from, to, zoneId);
    }

    internal static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static List<string>? Codes(IReadOnlyDictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var text) ? [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : null;

    private static int? Whole(IReadOnlyDictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
