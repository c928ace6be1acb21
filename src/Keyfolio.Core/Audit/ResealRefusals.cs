using System.Globalization;
using System.Text;
using Keyfolio.Vault.Storage;

namespace Keyfolio.Core.Audit;

/// <summary>
/// Password attempts refused while the audit log is broken (a wrong master password given to reseal it, too many
/// attempts). A broken log takes no entry, so each refusal is kept as one line (<c>time, actor, outcome</c>, tab
/// separated) in <c>audit.refusals</c> in the data directory (mode 0600), across processes, and written into the log
/// as <c>vault.unlock_failed</c> right after the reseal; then the file is removed.
/// </summary>
internal static class ResealRefusals
{
    public const string FileName = "audit.refusals";

    /// <summary>At most this many (the newest) are written into the log.</summary>
    public const int MaxRecorded = 1000;

    public static void Record(string directory, DateTimeOffset at, string actor, string outcome)
    {
        var line = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "\t" + Clean(actor) + "\t" + Clean(outcome) + "\n";
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyMode.File;
        }

        using var stream = new FileStream(Path.Combine(directory, FileName), options);
        stream.Write(Encoding.UTF8.GetBytes(line));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>The refusals kept, oldest first: the time as written, the actor and the outcome.</summary>
    public static IReadOnlyList<(string At, string Actor, string Outcome)> Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return [];
        }

        return [.. File.ReadLines(path, Encoding.UTF8)
            .Select(line => line.Split('\t', 3))
            .Where(parts => parts.Length == 3 && parts[1].Length > 0 && parts[2].Length > 0)
            .Select(parts => (Clean(parts[0]), Clean(parts[1]), Clean(parts[2])))
            .TakeLast(MaxRecorded)];
    }

    public static void Clear(string directory) => File.Delete(Path.Combine(directory, FileName));

    private static string Clean(string text)
    {
        var clean = new string([.. text.Where(c => !char.IsControl(c))]).Trim();
        return clean.Length > 64 ? clean[..64] : clean;
    }
}
