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
                new($"This key can withdraw funds (\"{permission}\" is on). Keyfolio only reads and refuses keys that can move your money.", $"此密钥可以提币（已开启“{permission}”）。Keyfolio 只读取数据，拒绝可以转移资产的密钥。"),
                howTo)
            { Field = "apiKey" };
        }

        if (!string.Equals(ConnectionLabel.Normalize(confirmation), label, StringComparison.Ordinal))
        {
            return new CoreError(
                CoreErrorKind.WithdrawalRefused,
                new($"To keep a key that can withdraw, type the connection's label \"{label}\" exactly to confirm; it did not match.", $"如要保留可提币的密钥，请准确输入连接标签“{label}”以确认；输入不一致。"),
                howTo)
            { Field = "confirmation" };
        }

        return null;
    }
}
