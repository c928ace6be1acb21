namespace Keyfolio.Web.Api.Models;

/// <summary>A connection as the API shows it: never a secret, the API key masked to its last four characters.</summary>
public sealed record ConnectionResponse(
    string Id,
    string Label,
    string Exchange,
    string? Region,
    string Environment,
    string? ApiUrl,
    string ApiKey,
    IReadOnlyList<string> Permissions,
    IReadOnlyList<string>? IpWhitelist,
    StatusResponse Status,
    IReadOnlyList<FindingResponse> Findings,
    decimal TotalUsd,
    bool Stale,
    DateTimeOffset? AsOf,
    long? AgeSeconds,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<HoldingResponse>? Holdings,
    bool Incomplete,
    int WalletsRead,
    int WalletsExpected,
    IReadOnlyList<WalletResponse> Wallets);

/// <summary>
/// What became of one wallet in the latest reading: <c>outcome</c> is <c>read</c>, <c>notPermitted</c> (with the
/// exchange's <c>right</c>), <c>notOpened</c> or <c>failed</c> (with its <c>category</c>); a wallet not read has its
/// <c>reason</c> and <c>fix</c>, and <c>valuesFrom</c> when its last good values are kept, stale.
/// </summary>
/// <c>subAccount</c> names the included sub-account the wallet belongs to, null for the key's own account.
public sealed record WalletResponse(string Wallet, string Name, string? ExchangeWallet, string Outcome, string? Right, string? Category, string? Reason, string? Fix, DateTimeOffset? ValuesFrom, string? SubAccount);

/// <summary>A connection's one status, with what it means and how to fix it, in the request's language.</summary>
public sealed record StatusResponse(
    string Code,
    string Title,
    string Explanation,
    string Fix,
    DateTimeOffset? Until,
    int? DaysLeft,
    bool SyncPaused,
    DiagnosisResponse? Diagnosis);

/// <summary>A key-hygiene observation, its severity and its fix.</summary>
public sealed record FindingResponse(string Kind, string Severity, string Message, string Fix, DateTimeOffset? At);

/// <summary>An exchange's refusal, classified: what the exchange itself said, never anything from the request.</summary>
public sealed record DiagnosisResponse(
    string Category,
    string Exchange,
    string? ExchangeCode,
    string? ExchangeMessage,
    int? HttpStatus,
    DateTimeOffset? RetryAt,
    string? CallerIp);

/// <summary>An asset in one wallet of a connection, valued in USD when it has a price.</summary>
/// <summary>One holding; <c>stale</c> when it is the last good value of a wallet that failed this time; <c>subAccount</c> the
/// included sub-account it is in, null for the key's own account.</summary>
public sealed record HoldingResponse(string Wallet, string Asset, string ExchangeAsset, decimal Free, decimal Locked, decimal Total, decimal? UsdPrice, decimal? UsdValue, bool Stale, string? SubAccount);

/// <summary>One snapshot in a connection's history.</summary>
public sealed record SnapshotResponse(DateTimeOffset TakenAt, decimal TotalUsd, bool Complete, int Holdings, int Unpriced);

/// <summary>What removing a connection did, and the reminder to delete the key on the exchange too.</summary>
public sealed record RemovedConnectionResponse(string Label, string Exchange, bool HistoryDeleted, Uri ApiManagementPage, string Reminder);

/// <summary>A manual refresh's outcome.</summary>
public sealed record RefreshResponse(string Result, ConnectionResponse Connection);

/// <summary>
/// A new connection: the exchange, a label, and the key in the exchange's words. The secret and passphrase are
/// write-only: no answer ever returns them. <see cref="ToString"/> is redacted.
/// </summary>
public sealed class CreateConnectionRequest
{
    /// <summary>The exchange's canonical lower-case name (<c>binance</c>, <c>kraken</c>, <c>kucoin</c>, …: docs/exchanges.md lists
    /// every one); a former name (<c>huobi</c>) is accepted too.</summary>
    public string? Exchange { get; set; }

    public string? Label { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Read into a pinned buffer, never into a string; zeroed once the request is handled.</summary>
    public SecretText? Secret { get; set; }

    /// <summary>The key's passphrase where the exchange has one (OKX, KuCoin) or its 2FA password (Kraken, when the key has
    /// one). Read into a pinned buffer like the secret.</summary>
    public SecretText? Passphrase { get; set; }

    /// <summary>The exchange's regional site (Binance <c>com</c>/<c>us</c>, OKX <c>global</c>/<c>eea</c>/<c>us</c>, HTX <c>main</c>/<c>aws</c>,
    /// Bybit <c>global</c>/<c>bytick</c>/<c>nl</c>/<c>tr</c>/<c>kz</c>/<c>ge</c>/<c>ae</c>/<c>id</c>/<c>jp</c>); default when absent.</summary>
    public string? Region { get; set; }

    /// <summary><c>live</c> (default), <c>testnet</c> or <c>demo</c>.</summary>
    public string? Environment { get; set; }

    /// <summary>A proxy or simulator to call instead of the exchange's host.</summary>
    public string? ApiUrl { get; set; }

    /// <summary>Keep a key that can withdraw; only with <see cref="WithdrawalConfirmation"/> equal to the label.</summary>
    public bool AllowWithdrawal { get; set; }

    public string? WithdrawalConfirmation { get; set; }

    public override string ToString() => $"CreateConnectionRequest {{ Exchange = {Exchange}, Label = {Label}, Secret = ***, Passphrase = *** }}";
}

/// <summary>A replacement key for a connection; write-only like <see cref="CreateConnectionRequest"/>.</summary>
public sealed class ReplaceKeyRequestBody
{
    public string? ApiKey { get; set; }

    public SecretText? Secret { get; set; }

    public SecretText? Passphrase { get; set; }

    public bool AllowWithdrawal { get; set; }

    public string? WithdrawalConfirmation { get; set; }

    public override string ToString() => "ReplaceKeyRequestBody { Secret = ***, Passphrase = *** }";
}

/// <summary>The corrected value of one field of a stored key (<c>PUT /api/connections/{id}/key/{field}</c>); write-only.</summary>
public sealed class CorrectFieldRequestBody
{
    public SecretText? Value { get; set; }

    public override string ToString() => "CorrectFieldRequestBody { Value = *** }";
}

/// <summary>
/// The sub-accounts of a connection's master account: <c>offered</c> is false where Keyfolio reads none on that exchange;
/// <c>listedAt</c> is the latest list (null before the first), <c>refusal</c> the exchange's answer when it refused to
/// list them (a sub-account's own key), <c>requirement</c> what the key needs, in the request's language.
/// </summary>
public sealed record SubAccountsResponse(
    string ConnectionId,
    string Label,
    bool Offered,
    string? Requirement,
    IReadOnlyList<string> Wallets,
    DateTimeOffset? ListedAt,
    DiagnosisResponse? Refusal,
    IReadOnlyList<SubAccountResponse> SubAccounts);

/// <summary>One sub-account: its name on the exchange, its note there, whether it is included and whether the latest list still named it.</summary>
public sealed record SubAccountResponse(string Id, string? Note, bool Frozen, bool Included, bool Listed);

/// <summary>Whether to include a sub-account in its connection's readings.</summary>
public sealed record IncludeSubAccountRequest(bool Included);
