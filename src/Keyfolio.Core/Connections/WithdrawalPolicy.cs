using Keyfolio.Core.Health;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Connections;

/// <summary>The withdrawal policy: a key that can withdraw is refused unless the person confirmed it by typing the label.</summary>
internal static class WithdrawalPolicy
{
    public static CoreError? Check(ExchangeId exchange, string label, KeyFacts? facts, bool allowWithdrawal, string? confirmation)
    {
        if (facts?.CanWithdraw != true)
        {
            return null;
        }

        var permission = WithdrawalGuidance.PermissionName(exchange);
        var howTo = WithdrawalGuidance.For(exchange);
        if (!allowWithdrawal)
        {
            return new CoreError(
                CoreErrorKind.WithdrawalRefused,
                Texts.Of("ThisKeyCanWithdrawFunds", permission),
                howTo)
            { Field = "apiKey" };
        }

        if (!string.Equals(ConnectionLabel.Normalize(confirmation), label, StringComparison.Ordinal))
        {
            return new CoreError(
                CoreErrorKind.WithdrawalRefused,
                Texts.Of("ToKeepAKeyThat", label),
                howTo)
            { Field = "confirmation" };
        }

        return null;
    }
}
