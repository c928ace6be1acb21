namespace Keyfolio.Exchanges;

/// <summary>
/// One sub-account a master account's key sees. <see cref="Id"/> is what the exchange's sub-account endpoints are
/// called with (Binance: the sub-account's e-mail; OKX: the sub-account name); <see cref="Note"/> the note the master
/// gave it there, when any.
/// </summary>
public sealed record SubAccount(string Id, string? Note, bool Frozen);

/// <summary>
/// How an exchange lets a master account's read-only key read its sub-accounts: the wallets Keyfolio reads of each, the
/// right the key needs (as the exchange's API-management page names it) and what the user should know, in plain words.
/// Declared by the exchange's descriptor; absent where the exchange offers none.
/// </summary>
public sealed record SubAccountReading(IReadOnlyList<WalletKind> Wallets, string Right, LocalizedText Requirement);
