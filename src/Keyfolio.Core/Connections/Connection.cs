using Keyfolio.Exchanges;

namespace Keyfolio.Core.Connections;

/// <summary>
/// One exchange account linked by one API key, as stored: everything but the credentials, which stay encrypted in the
/// vault under <see cref="Id"/>. Readable while the vault is locked.
/// </summary>
public sealed record Connection
{
    public required string Id { get; init; }

    public required string Label { get; init; }

    public required ExchangeId Exchange { get; init; }

    public string? Region { get; init; }

    public ExchangeEnvironment Environment { get; init; } = ExchangeEnvironment.Live;

    /// <summary>A proxy or simulator that replaces the exchange's host.</summary>
    public Uri? CustomBaseUrl { get; init; }

    /// <summary>The API key's last four characters.</summary>
    public required string ApiKeyLastFour { get; init; }

    /// <summary>The API key's fingerprint (an HMAC under the audit key), as the audit log names it.</summary>
    public required string KeyFingerprint { get; init; }

    /// <summary>What the exchange last reported about the key; null until it could be read.</summary>
    public KeyFacts? Facts { get; init; }

    /// <summary>The person confirmed keeping a key that can withdraw.</summary>
    public bool WithdrawalAllowed { get; init; }

    /// <summary>How often the scheduler refreshes this connection; null for the default.</summary>
    public TimeSpan? SyncInterval { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? KeyReplacedAt { get; init; }

    /// <summary>When the key was last verified (added, replaced or checked), and the refusal then, if any.</summary>
    public DateTimeOffset? LastCheckedAt { get; init; }

    public Diagnosis? LastCheckDiagnosis { get; init; }

    /// <summary>When balances were last read, and the refusal then, if any.</summary>
    public DateTimeOffset? LastSyncAt { get; init; }

    public Diagnosis? LastSyncDiagnosis { get; init; }

    /// <summary>When a call with this key last succeeded.</summary>
    public DateTimeOffset? LastSuccessAt { get; init; }

    public DateTimeOffset? LastManualRefreshAt { get; init; }

    public ExchangeEndpoint Endpoint => new(Exchange, Region, Environment, CustomBaseUrl);

    public ExchangeDescriptor Descriptor => ExchangeCatalog.Get(Exchange);

    /// <summary>The refusal of the most recent exchange contact, whether a check or a sync, or null when it succeeded.</summary>
    public Diagnosis? LatestDiagnosis =>
        (LastCheckedAt ?? DateTimeOffset.MinValue) >= (LastSyncAt ?? DateTimeOffset.MinValue) ? LastCheckDiagnosis : LastSyncDiagnosis;
}
