namespace Keyfolio.Core.Alerts;

/// <summary>
/// A change to the <see cref="AlertRules"/> as a command line or an API request states one: events turned off or on by
/// their codes, thresholds in whole days or hours, quiet hours as text, channels paused or resumed. What is left null
/// or empty stays as it is. Refusals name these properties (camel-cased) as their fields.
/// </summary>
public sealed record AlertRulesChange
{
    public IReadOnlyList<string> Off { get; init; } = [];

    public IReadOnlyList<string> On { get; init; } = [];

    /// <summary>Warning times before expiry in whole days, e.g. <c>7, 1</c>.</summary>
    public string? ExpiryDays { get; init; }

    public int? UnusedDays { get; init; }

    public int? StaleHours { get; init; }

    public int? UnlockFailures { get; init; }

    /// <summary><c>22:00-07:00 Europe/Berlin</c>; an empty text (or <c>none</c>) removes the quiet hours.</summary>
    public string? Quiet { get; init; }

    /// <summary>Alert when the value falls by more than this many per cent between readings; 0 turns the alert off.</summary>
    public int? ValueDropPercent { get; init; }

    /// <summary>Whether alerts may carry amounts.</summary>
    public bool? Figures { get; init; }

    public IReadOnlyList<string> Pause { get; init; } = [];

    public IReadOnlyList<string> Resume { get; init; } = [];

    /// <summary>Whether the change asks for anything at all.</summary>
    public bool IsEmpty => Off.Count == 0 && On.Count == 0 && ExpiryDays is null && UnusedDays is null && StaleHours is null
        && UnlockFailures is null && Quiet is null && ValueDropPercent is null && Figures is null && Pause.Count == 0 && Resume.Count == 0;

    /// <summary>The field of this change that a refusal of the rules' own check is about.</summary>
    public static string? FieldOf(string? rulesField) => rulesField switch
    {
        "events" => "off",
        "quietHours" or "quietZone" => "quiet",
        var other => other,
    };

    /// <summary>The rules with this change applied (unchecked beyond the parsing; saving checks the ranges), or the first refusal.</summary>
    public CoreResult<AlertRules> ApplyTo(AlertRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var result = rules;
        if (Off.Count > 0 || On.Count > 0)
        {
            var off = rules.Off.ToHashSet();
            foreach (var (code, turnOff) in Off.Select(c => (c, true)).Concat(On.Select(c => (c, false))))
            {
                if (!AlertCodes.TryParse(code, out var type) || type == AlertType.Test)
                {
                    var known = string.Join(", ", AlertRules.Optional.Select(AlertCodes.ToCode));
                    return Errors.BadInput(
                        turnOff ? "off" : "on",
                        Texts.Of("IsNotAnAlertEvent", AlertRulesService.Shorten(code)),
                        Texts.Of("GiveOneOf", known));
                }

                if (turnOff)
                {
                    off.Add(type);
                }
                else
                {
                    off.Remove(type);
                }
            }

            result = result with { Off = off };
        }

        if (ExpiryDays is not null)
        {
            var days = AlertRulesService.ParseExpiryDays(ExpiryDays);
            if (!days.IsSuccess)
            {
                return days.Error!;
            }

            result = result with { ExpiryThresholds = days.Value! };
        }

        if (UnusedDays is { } unused)
        {
            result = result with { UnusedAfter = TimeSpan.FromDays(Math.Clamp(unused, 0, 100_000)) };
        }

        if (StaleHours is { } stale)
        {
            result = result with { StaleAfter = TimeSpan.FromHours(Math.Clamp(stale, 0, 1_000_000)) };
        }

        if (UnlockFailures is { } failures)
        {
            result = result with { UnlockFailureThreshold = failures };
        }

        if (ValueDropPercent is { } drop)
        {
            result = result with { ValueDropPercent = drop == 0 ? null : drop };
        }

        if (Figures is { } figures)
        {
            result = result with { IncludeFigures = figures };
        }

        if (Quiet is { } quiet)
        {
            if (string.IsNullOrWhiteSpace(quiet) || quiet.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                result = result with { Quiet = null };
            }
            else
            {
                var parsed = AlertRulesService.ParseQuiet(quiet);
                if (!parsed.IsSuccess)
                {
                    return parsed.Error! with { Field = "quiet" };
                }

                result = result with { Quiet = parsed.Value };
            }
        }

        if (Pause.Count > 0 || Resume.Count > 0)
        {
            var paused = rules.Paused.ToHashSet(StringComparer.Ordinal);
            foreach (var (channel, pause) in Pause.Select(c => (c, true)).Concat(Resume.Select(c => (c, false))))
            {
                if (!AlertRules.PausableChannels.Contains(channel))
                {
                    return Errors.BadInput(
                        pause ? "pause" : "resume",
                        Texts.Of("IsNotAChannel", AlertRulesService.Shorten(channel)),
                        Texts.Of("GiveOneOf", string.Join(", ", AlertRules.PausableChannels)));
                }

                if (pause)
                {
                    paused.Add(channel);
                }
                else
                {
                    paused.Remove(channel);
                }
            }

            result = result with { Paused = paused };
        }

        return result;
    }
}
