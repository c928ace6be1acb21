using Keyfolio.Core.Connections;
using Keyfolio.Core.Health;

namespace Keyfolio.Web.Connections;

/// <summary>How a key stands on Key health: the worst of its findings, a key the exchange refuses counting as critical.</summary>
public enum KeyHealthLevel
{
    Healthy,
    Info,
    Warning,
    Critical,
}

/// <summary>
/// The order Key health lists keys in: the most serious first — a key the exchange refuses counts as critical as a key
/// that can withdraw — then the most findings, then by label. The summary's counts, the filter and the badges come from
/// the same <see cref="Level"/>.
/// </summary>
public static class KeyHealthOrder
{
    public static IEnumerable<ConnectionView> WorstFirst(IEnumerable<ConnectionView> views) =>
        views
            .OrderByDescending(Level)
            .ThenByDescending(v => v.Findings.Count)
            .ThenBy(v => v.Connection.Label, StringComparer.CurrentCultureIgnoreCase);

    public static KeyHealthLevel Level(ConnectionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var worst = view.Findings.Count == 0 ? KeyHealthLevel.Healthy : Of(view.Findings.Max(f => f.Severity));
        return view.Status.IsKeyProblem ? KeyHealthLevel.Critical : worst;
    }

    public static KeyHealthLevel Of(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Critical => KeyHealthLevel.Critical,
        FindingSeverity.Warning => KeyHealthLevel.Warning,
        _ => KeyHealthLevel.Info,
    };

    /// <summary>The level's name in addresses and data attributes: critical, warning, info, healthy.</summary>
    public static string Name(KeyHealthLevel level) => level.ToString().ToLowerInvariant();

    public static KeyHealthLevel? Parse(string? name) =>
        Enum.TryParse<KeyHealthLevel>(name, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(name, out _) ? level : null;
}
