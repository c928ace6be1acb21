using Keyfolio.Core;
using Keyfolio.Core.Connections;

namespace Keyfolio.Web.Connections;

/// <summary>Finds a connection by its id, the stable name pages and API routes use (labels change and need escaping).</summary>
public static class ConnectionLookup
{
    public static async Task<CoreResult<ConnectionView>> FindAsync(this ConnectionService connections, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connections);
        var views = await connections.ListAsync(vaultLockApplies: true, cancellationToken).ConfigureAwait(false);
        return views.FirstOrDefault(v => string.Equals(v.Connection.Id, id, StringComparison.Ordinal)) is { } view
            ? view
            : new CoreError(
                CoreErrorKind.ConnectionNotFound,
                new("No connection has this id; it may have been removed.", "没有此 ID 的连接；它可能已被移除。"),
                new("Open My Exchanges and choose a connection from the list.", "请打开“我的交易所”，从列表中选择连接。"))
            { Field = "id" };
    }
}
