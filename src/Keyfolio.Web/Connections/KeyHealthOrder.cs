using Keyfolio.Core.Connections;
using Keyfolio.Core.Health;

namespace Keyfolio.Web.Connections;

/// <summary>
/// The order Key health lists keys in: the most serious first — a key the exchange refuses counts as critical as a key
/// that can withdraw — then the most findings, then by label.
/// </summary>
public static class KeyHealthOrder
{
    public static IEnumerable<ConnectionView> WorstFirst(IEnumerable<ConnectionView> views) =>
        views
            .OrderByDescending(Seriousness)
            .ThenByDescending(v => v.Findings.Count)
            .ThenBy(v => v.Connection.Label, StringComparer.CurrentCultureIgnoreCase);

    private static int Seriousness(ConnectionView view)
    {
        var findings = view.Findings.Count == 0 ? -1 : (int)view.Findings.Max(f => f.Severity);
        return view.Status.IsKeyProblem ? Math.Max(findings, (int)FindingSeverity.Critical) : findings;
    }
}
