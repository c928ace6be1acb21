using Keyfolio.Core;
using Keyfolio.Core.Connections;

namespace Keyfolio.Web.Connections;

/// <summary>When a connection's next manual refresh is allowed, while the cooldown after the previous one runs.</summary>
public static class RefreshCooldown
{
    public static DateTimeOffset? RetryAt(Connection connection, KeyfolioCoreOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        return connection.LastManualRefreshAt is { } last && last + options.ManualRefreshCooldown > time.GetUtcNow()
            ? last + options.ManualRefreshCooldown
            : null;
    }
}
