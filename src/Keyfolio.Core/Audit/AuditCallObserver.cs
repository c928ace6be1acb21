using System.Globalization;
using Keyfolio.Exchanges;
using Keyfolio.Vault.Audit;

namespace Keyfolio.Core.Audit;

/// <summary>
/// Records every signed exchange call in the audit log (endpoint without query, outcome, duration, the key's
/// fingerprint) and fails closed: a call is not sent while the log refuses entries, and its answer is withheld
/// when its entry cannot be written.
/// </summary>
internal sealed class AuditCallObserver(AuditTrail trail) : IExchangeCallObserver
{
    public async ValueTask OnCallStartingAsync(ExchangeCallInfo call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        AuditLog log;
        try
        {
            log = await trail.GetLogAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AuditLogException exception)
        {
            throw new AuditRefusedException("The audit log cannot be opened, so no call was made with the key. " + exception.Message, exception);
        }

        if (log.BlockedBy is { } blocked)
        {
            throw new AuditRefusedException("The audit log failed verification, so no call was made with the key. " + blocked.Summary);
        }
    }

    public async ValueTask OnCallCompletedAsync(ExchangeCallRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var outcome = record.Outcome == ExchangeCallOutcome.Succeeded
            ? "ok"
            : string.Create(CultureInfo.InvariantCulture, $"{record.Failure?.ToString() ?? record.Outcome.ToString()}{(record.HttpStatus is { } status ? $" (HTTP {status})" : string.Empty)}");
        try
        {
            await trail.AppendAsync(
                new AuditEvent(AuditActor.Current, AuditAction.ExchangeCall)
                {
                    ConnectionId = record.Call.ConnectionId,
                    KeyFingerprint = AuditActor.CurrentKeyFingerprint,
                    Endpoint = record.Call.Exchange.ToName() + " " + record.Call.Method + " " + record.Call.Path,
                    Outcome = outcome,
                    Duration = record.Duration < TimeSpan.Zero ? TimeSpan.Zero : record.Duration,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AuditLogException exception)
        {
            throw new AuditRefusedException("The exchange call could not be recorded in the audit log, so its answer was not used. " + exception.Message, exception);
        }
    }
}
