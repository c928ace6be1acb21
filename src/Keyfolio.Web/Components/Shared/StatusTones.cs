using Keyfolio.Core.Health;
using Keyfolio.Core.Status;

namespace Keyfolio.Web.Components.Shared;

/// <summary>The colour of each status and severity, as <see cref="BadgeTone"/> describes.</summary>
public static class StatusTones
{
    public static BadgeTone Of(ConnectionStatusCode code) => code switch
    {
        ConnectionStatusCode.Connected => BadgeTone.Positive,
        ConnectionStatusCode.ExpiresSoon or ConnectionStatusCode.Incomplete or ConnectionStatusCode.RateLimited or ConnectionStatusCode.ExchangeUnavailable or ConnectionStatusCode.ClockSkew => BadgeTone.Warning,
        ConnectionStatusCode.VaultLocked or ConnectionStatusCode.ExchangeClosed => BadgeTone.Muted,
        ConnectionStatusCode.NotChecked => BadgeTone.Info,
        _ => BadgeTone.Critical,
    };

    public static BadgeTone Of(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Critical => BadgeTone.Critical,
        FindingSeverity.Warning => BadgeTone.Warning,
        _ => BadgeTone.Info,
    };
}
