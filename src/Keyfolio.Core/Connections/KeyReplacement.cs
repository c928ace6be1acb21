namespace Keyfolio.Core.Connections;

/// <summary>
/// A key replaced in a connection. <see cref="SameKey"/> says the key given was the one already stored (its keyed
/// fingerprint matched): then there is no old key to delete on the exchange, and advising it would end the connection.
/// </summary>
public sealed record KeyReplacement(ConnectionView View, bool SameKey);
