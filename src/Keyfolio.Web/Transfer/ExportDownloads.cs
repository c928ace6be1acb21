using System.Security.Cryptography;
using Keyfolio.Core.Access;
using Keyfolio.Vault;

namespace Keyfolio.Web.Transfer;

/// <summary>
/// An export made on the Settings page, held until its download: the page links a random ticket, bound to the session,
/// good once and for <see cref="Lifetime"/>; every held export is dropped when the vault locks. The file is encrypted
/// under the export password, so holding it here reveals nothing, but it is still not kept longer than the download.
/// </summary>
public sealed class ExportDownloads
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Session, DateTimeOffset Expires, byte[] File)> _held = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public ExportDownloads(TimeProvider time, VaultAccess vault)
    {
        ArgumentNullException.ThrowIfNull(vault);
        _time = time;
        vault.StateChanged += (_, change) =>
        {
            if (change.State == VaultState.Locked)
            {
                lock (_lock)
                {
                    _held.Clear();
                }
            }
        };
    }

    /// <summary>Holds <paramref name="file"/> for <paramref name="session"/>; returns the ticket for the download link.</summary>
    public string Hold(string session, byte[] file)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(file);
        var ticket = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var stale in _held.Where(h => h.Value.Expires <= now).Select(h => h.Key).ToList())
            {
                _held.Remove(stale);
            }

            _held[ticket] = (session, now + Lifetime, file);
        }

        return ticket;
    }

    /// <summary>The held export for this ticket and session, taken (so a second download finds nothing); null otherwise.</summary>
    public byte[]? Take(string ticket, string session)
    {
        lock (_lock)
        {
            if (!_held.Remove(ticket, out var held))
            {
                return null;
            }

            return held.Session == session && held.Expires > _time.GetUtcNow() ? held.File : null;
        }
    }
}
