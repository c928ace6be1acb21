using Keyfolio.Core.Connections;

namespace Keyfolio.Web.Connections;

/// <summary>The order Key health lists keys in: the worst finding first, then the most findings, then by label.</summary>
public static class KeyHealthOrder
{
    public static IEnumerable<ConnectionView> WorstFirst(IEnumerable<ConnectionView> views) =>
        views
            .OrderByDescending(v => v.Findings.Count == 0 ? -1 : (int)v.Findings.Max(f => f.Severity))
            .ThenByDescending(v => v.Findings.Count)
            .ThenBy(v => v.Connection.Label, StringComparer.CurrentCultureIgnoreCase);
}
