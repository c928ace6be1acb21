using Keyfolio.Exchanges;

namespace Keyfolio.Core.Health;

/// <summary>Where each exchange keeps the withdrawal right of a key, and how to turn it off, in its own words.</summary>
public static class WithdrawalGuidance
{
    /// <summary>The right's name on the exchange.</summary>
    public static string PermissionName(ExchangeId exchange) => exchange switch
    {
        ExchangeId.Binance => "Enable Withdrawals",
        ExchangeId.Okx => "Withdraw",
        ExchangeId.Htx => "Withdraw",
        ExchangeId.Bitfinex => "Withdrawals (Create and cancel withdrawal requests)",
        ExchangeId.HitBtc => "Withdraw cryptocurrencies",
        ExchangeId.Gate => "Withdrawal",
        _ => "Withdraw",
    };

    /// <summary>How to remove the right on that exchange, or make a read-only key instead.</summary>
    public static LocalizedText For(ExchangeId exchange)
    {
        var page = ExchangeCatalog.Get(exchange).ApiManagementPage;
        var name = PermissionName(exchange);
        return exchange switch
        {
            ExchangeId.Binance => new(
                $"On Binance, open API Management ({page}), choose Edit restrictions on this key and untick \"{name}\", then save. Keyfolio needs only \"Enable Reading\".",
                $"在币安打开 API 管理（{page}），对此密钥选择“编辑权限”，取消勾选“{name}”（允许提现）并保存。Keyfolio 只需要“允许读取”。"),
            ExchangeId.Okx => new(
                $"On OKX, open API ({page}), edit this key and clear the \"{name}\" permission; keep only \"Read\". OKX may ask you to create a new key instead.",
                $"在 OKX 打开 API 页面（{page}），编辑此密钥并取消“提币”权限，只保留“读取”。如无法修改，请新建只读密钥。"),
            ExchangeId.Htx => new(
                $"On HTX, open API Management ({page}), edit this key and untick \"{name}\"; keep only \"Read-only\".",
                $"在 HTX 打开 API 管理（{page}），编辑此密钥并取消“提币”权限，只保留“只读”。"),
            ExchangeId.Bitfinex => new(
                $"On Bitfinex, API keys cannot be edited: create a new key at {page} with \"{name}\" left off (read permissions only) and use it instead.",
                $"Bitfinex 的 API 密钥不能修改：请在 {page} 新建一个不勾选提现权限（只勾选读取权限）的密钥并改用它。"),
            ExchangeId.HitBtc => new(
                $"On HitBTC, open API keys ({page}), edit this key and untick \"{name}\"; keep only the reading rights.",
                $"在 HitBTC 打开 API 密钥页面（{page}），编辑此密钥并取消“{name}”，只保留读取权限。"),
            ExchangeId.Gate => new(
                $"On Gate, open API Management ({page}), edit this key and set \"{name}\" to disabled; keep the other groups read-only.",
                $"在 Gate 打开 API 管理（{page}），编辑此密钥并关闭“提现”权限，其他权限组保持只读。"),
            _ => new(
                $"On the exchange's API page ({page}), remove the withdrawal right from this key or create a read-only key.",
                $"请在交易所的 API 页面（{page}）取消此密钥的提现权限，或新建只读密钥。"),
        };
    }
}
