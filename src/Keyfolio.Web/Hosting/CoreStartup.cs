using Keyfolio.Core;
using Keyfolio.Core.Settings;
using Keyfolio.Vault.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Keyfolio.Exchanges.Logging;

namespace Keyfolio.Web.Hosting;

/// <summary>
/// Runs before Keyfolio listens: brings the database to the current schema, puts the stored preferences into the core's
/// options (before the vault is first opened, so its auto-lock times apply) and verifies the whole audit log. A broken
/// log does not stop the app: every page then explains it and how to reseal it.
/// </summary>
internal sealed partial class CoreStartup(
    KeyfolioStartup startup,
    PreferencesService preferences,
    AuditLogState report,
    ILogger<CoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await startup.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await preferences.ApplyStoredAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var verification = await startup.StartAsync(cancellationToken).ConfigureAwait(false);
            report.Verified(verification);
            if (!verification.IsIntact)
            {
                LogAuditBroken(logger, verification.Problem?.ToString() ?? "?", verification.FirstBadSequence ?? -1);
            }
        }
        catch (AuditLogException exception)
        {
            report.FailedToOpen(exception.Message);
            LogAuditUnreadable(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = KeyfolioEventIds.AuditLogFailedVerification, Level = LogLevel.Error, Message = "The audit log failed verification ({Problem} at entry {Sequence}); audited actions are refused until it is resealed")]
    private static partial void LogAuditBroken(ILogger logger, string problem, long sequence);

    [LoggerMessage(EventId = KeyfolioEventIds.AuditLogUnreadable, Level = LogLevel.Error, Message = "The audit log could not be opened; audited actions are refused")]
    private static partial void LogAuditUnreadable(ILogger logger);
}
