using Keyfolio.Exchanges;

namespace Keyfolio.Core.Health;

/// <summary>Where an exchange keeps the withdrawal right of a key, and how to turn it off, in its own words (as its
/// descriptor declares them), or in general terms for an exchange that declares none.</summary>
public static class WithdrawalGuidance
{
    /// <summary>The right's name on the exchange.</summary>
    public static string PermissionName(ExchangeId exchange) => ExchangeCatalog.Get(exchange).WithdrawalRight?.PermissionName ?? "Withdraw";

    /// <summary>How to remove the right on that exchange, or make a read-only key instead.</summary>
    public static LocalizedText For(ExchangeId exchange)
    {
        var descriptor = ExchangeCatalog.Get(exchange);
        return descriptor.WithdrawalRight?.HowToRemove ?? Texts.Of("OnTheExchangesAPIPage", descriptor.ApiManagementPage);
    }
}
