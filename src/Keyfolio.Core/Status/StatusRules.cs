using Keyfolio.Exchanges;

namespace Keyfolio.Core.Status;

/// <summary>
/// Computes a connection's one status from its last verification and sync, its key facts and the vault's state:
/// every condition that applies is a candidate, and the first in the order of <see cref="ConnectionStatusCode"/> wins.
/// </summary>
public static class StatusRules
{
    /// <summary>A key expiring within this time shows as "expires in N days".</summary>
    public static readonly TimeSpan ExpiresSoonWindow = TimeSpan.FromDays(14);

    public static ConnectionStatus Evaluate(StatusInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Candidates(input).MinBy(candidate => candidate.Code)!;
    }

    /// <summary>The status a refusal of this category gives.</summary>
    public static ConnectionStatusCode? FromDiagnosis(DiagnosisCategory category) => category switch
    {
        DiagnosisCategory.ExchangeClosed => ConnectionStatusCode.ExchangeClosed,
        DiagnosisCategory.InvalidKey or DiagnosisCategory.BadFormat => ConnectionStatusCode.InvalidKey,
        DiagnosisCategory.WrongPassphrase => ConnectionStatusCode.WrongPassphrase,
        DiagnosisCategory.BadSignature or DiagnosisCategory.NonceUsedElsewhere => ConnectionStatusCode.BadSignature,
        DiagnosisCategory.IpNotAllowed => ConnectionStatusCode.IpNotAllowed,
        DiagnosisCategory.RegionBlocked => ConnectionStatusCode.RegionBlocked,
        DiagnosisCategory.WrongEnvironment => ConnectionStatusCode.WrongEnvironment,
        DiagnosisCategory.ClockSkew => ConnectionStatusCode.ClockSkew,
        DiagnosisCategory.KeyExpired => ConnectionStatusCode.KeyExpired,
        DiagnosisCategory.MissingPermission => ConnectionStatusCode.MissingPermission,
        DiagnosisCategory.RateLimited => ConnectionStatusCode.RateLimited,
        DiagnosisCategory.ExchangeUnavailable => ConnectionStatusCode.ExchangeUnavailable,
        _ => null,
    };

    private static IEnumerable<ConnectionStatus> Candidates(StatusInput input)
    {
        var connection = input.Connection;
        var facts = connection.Facts;
        if (input.VaultLocked)
        {
            yield return Plain(ConnectionStatusCode.VaultLocked);
        }

        if (connection.LatestDiagnosis is { } diagnosis && FromDiagnosis(diagnosis.Category) is { } failed)
        {
            // Past its time a rate limit pauses nothing: a connection read before shows as it was until the next sync, but
            // one never read keeps saying why it has nothing to show (without a time already gone).
            var lapsed = failed == ConnectionStatusCode.RateLimited && diagnosis.RetryAt is { } retryAt && retryAt <= input.Now;
            if (!lapsed || connection.LastSuccessAt is null)
            {
                var until = failed == ConnectionStatusCode.RateLimited && !lapsed ? diagnosis.RetryAt : null;
                yield return new ConnectionStatus(failed, StatusTexts.Title(failed, until: until), diagnosis.Explanation, diagnosis.Fix)
                {
                    Until = until,
                    Diagnosis = diagnosis,
                };
            }
        }

        if (facts?.Expiry is { } expiry && expiry.Kind is KeyExpiryKind.Key or KeyExpiryKind.Expired && (expiry.Kind == KeyExpiryKind.Expired || expiry.At <= input.Now))
        {
            yield return Plain(ConnectionStatusCode.KeyExpired);
        }

        if (facts?.CanWithdraw == true)
        {
            yield return Plain(ConnectionStatusCode.WithdrawalEnabled, syncPaused: !connection.WithdrawalAllowed);
        }

        if (input.Latest is { IsComplete: false } latest)
        {
            var (explanation, fix) = StatusTexts.Incomplete(latest, connection.Exchange);
            yield return new ConnectionStatus(ConnectionStatusCode.Incomplete, StatusTexts.Title(ConnectionStatusCode.Incomplete), explanation, fix);
        }

        if (facts?.Expiry is { Kind: KeyExpiryKind.Key or KeyExpiryKind.TradingRight, At: { } at } soon && at > input.Now && at - input.Now <= ExpiresSoonWindow)
        {
            var days = Math.Max(1, (int)Math.Ceiling((at - input.Now).TotalDays));
            var (explanation, fix) = StatusTexts.Describe(ConnectionStatusCode.ExpiresSoon, soon.Kind == KeyExpiryKind.TradingRight, false);
            yield return new ConnectionStatus(ConnectionStatusCode.ExpiresSoon, StatusTexts.Title(ConnectionStatusCode.ExpiresSoon, days), explanation, fix)
            {
                Until = at,
                DaysLeft = days,
            };
        }

        if (connection.LastCheckedAt is null && connection.LastSyncAt is null)
        {
            yield return Plain(ConnectionStatusCode.NotChecked);
        }

        yield return Connected(input.Findings);
    }

    private static ConnectionStatus Connected(IReadOnlyList<Health.Finding> findings)
    {
        var plain = Plain(ConnectionStatusCode.Connected);
        var needing = findings.Where(f => f.Severity >= Health.FindingSeverity.Warning).OrderByDescending(f => f.Severity).ToList();
        return needing.Count == 0 ? plain : plain with { Fix = StatusTexts.ConnectedWithFindings(needing.Count, needing[0].Fix) };
    }

    private static ConnectionStatus Plain(ConnectionStatusCode code, bool syncPaused = false)
    {
        var (explanation, fix) = StatusTexts.Describe(code, tradingRight: false, syncPaused);
        return new ConnectionStatus(code, StatusTexts.Title(code), explanation, fix) { SyncPaused = syncPaused };
    }
}
