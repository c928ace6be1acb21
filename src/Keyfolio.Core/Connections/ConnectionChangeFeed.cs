namespace Keyfolio.Core.Connections;

/// <summary>
/// Announces each change to the connections once its transaction has committed — a connection added, its key replaced,
/// checked, removed, a refresh's result — so a host showing them live need not be told by every caller. A change that
/// was refused or rolled back is never announced.
/// </summary>
public sealed class ConnectionChangeFeed
{
    public event EventHandler<ConnectionUpdate>? Changed;

    internal void Raise(string? connectionId, ConnectionUpdateKind kind) => Changed?.Invoke(this, new ConnectionUpdate(connectionId, kind));
}
