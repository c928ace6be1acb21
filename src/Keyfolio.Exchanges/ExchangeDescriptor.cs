using Keyfolio.Exchanges.QrCodes;

namespace Keyfolio.Exchanges;

/// <summary>
/// Everything known about an exchange before any call: its names, the credential fields in its own words with their
/// format rules, its hosts per region and environment, its API-management page, whether it still operates, the guide
/// to creating a key, and the facts the core's rules ask about it (withdrawal right, IP whitelists, key deletion,
/// asset codes, QR codes). Each exchange declares its own in its folder.
/// </summary>
public sealed record ExchangeDescriptor
{
    public required ExchangeId Id { get; init; }

    /// <summary>The canonical lower-case name users, configuration files and URLs use (<c>binance</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Names the exchange went by before, still accepted when parsing (<c>huobi</c> for HTX).</summary>
    public IReadOnlyList<string> FormerNames { get; init; } = [];

    public required string DisplayName { get; init; }

    public required IReadOnlyList<CredentialField> CredentialFields { get; init; }

    /// <summary>Every host the exchange serves keys on; the first is the default.</summary>
    public required IReadOnlyList<ExchangeHost> Hosts { get; init; }

    /// <summary>The page of the exchange's website where keys are created and managed.</summary>
    public required Uri ApiManagementPage { get; init; }

    public bool IsOperating { get; init; } = true;

    /// <summary>For a closed exchange: what happened, in plain words.</summary>
    public LocalizedText? ClosedNotice { get; init; }

    public required ExchangeGuide Guide { get; init; }

    /// <summary>The withdrawal right in the exchange's words; <c>null</c> when the exchange's keys have none to remove.</summary>
    public WithdrawalRight? WithdrawalRight { get; init; }

    /// <summary>Whether the exchange lets a key be restricted to IP addresses.</summary>
    public bool OffersIpWhitelist { get; init; }

    /// <summary>The exchange's rule for deleting idle keys without an IP address, when it has one.</summary>
    public IdleKeyDeletion? IdleKeyDeletion { get; init; }

    /// <summary>The exchange's own asset codes that differ from the common ticker (upper case), mapped to it.</summary>
    public IReadOnlyDictionary<string, string> AssetAliases { get; init; } = new Dictionary<string, string>();

    /// <summary>The text form of the exchange's QR codes when it is neither JSON nor <c>key:secret</c>.</summary>
    public QrTextForm? QrText { get; init; }

    /// <summary>Said when a QR code holds everything but the passphrase, because the exchange never puts it there.</summary>
    public LocalizedText? QrPassphraseNote { get; init; }

    /// <summary>Whether, and how, a master account's key lists and reads its sub-accounts; null where the exchange
    /// offers no such reading.</summary>
    public SubAccountReading? SubAccounts { get; init; }

    /// <summary>Where a master account's key cannot read the exchange's sub-accounts whole: why they are not read through
    /// the master's connection, and how to count them instead (each with its own read-only key). Null elsewhere.</summary>
    public LocalizedText? SubAccountsByOwnKey { get; init; }

    public string DefaultRegion => Hosts[0].Region;

    public IReadOnlyList<string> Regions => [.. Hosts.Select(h => h.Region).Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<ExchangeEnvironment> Environments => [.. Hosts.Select(h => h.Environment).Distinct()];

    public bool RequiresPassphrase => CredentialFields.Any(f => f.Kind == CredentialFieldKind.Passphrase && f.Required);

    /// <summary>The host for a region (default when <c>null</c>) and environment, or <c>null</c> when the exchange has none.</summary>
    public ExchangeHost? FindHost(string? region, ExchangeEnvironment environment) =>
        Hosts.FirstOrDefault(h => string.Equals(h.Region, region ?? DefaultRegion, StringComparison.OrdinalIgnoreCase) && h.Environment == environment);

    /// <summary>Checks credentials against the exchange's format rules, locally, before any call. The secret and passphrase
    /// are read from the spans given (a pinned buffer the caller zeroes), never copied into a string.</summary>
    public CredentialCheck CheckCredentials(string? apiKey, ReadOnlySpan<char> secret, ReadOnlySpan<char> passphrase = default) =>
        Formats.CredentialChecker.Check(this, apiKey, secret, passphrase);
}

/// <summary>One base URL of an exchange. <see cref="PublicBaseUrl"/> serves public market data when the exchange
/// keeps it on another host (Bitfinex).</summary>
public sealed record ExchangeHost(string Region, LocalizedText RegionName, ExchangeEnvironment Environment, Uri BaseUrl, Uri? PublicBaseUrl = null);
