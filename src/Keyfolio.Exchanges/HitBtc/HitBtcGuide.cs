namespace Keyfolio.Exchanges.HitBtc;

internal static class HitBtcGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            new("Sign in on hitbtc.com in a browser, open \"Settings\" at the top right and choose \"API keys\".",
                "在电脑浏览器中登录 hitbtc.com，点击右上角的“Settings”（设置），选择“API keys”。"),
            new("Click \"New API key\"; HitBTC creates the key at once.", "点击“New API key”；HitBTC 会立即创建密钥。"),
            new("Tick only \"Orderbook, History, Trading balance\" and complete the security verification.",
                "只勾选“Orderbook, History, Trading balance”（订单簿、历史、交易余额），并完成安全验证。"),
            new("Optionally tick \"Payment information\" too, so Keyfolio can also show the wallet balance.",
                "也可以勾选“Payment information”（支付信息），以便 Keyfolio 同时显示钱包余额。"),
            new("Copy the API key and the Secret key; the secret is shown only once. Enter both in Keyfolio.",
                "复制 API key 和 Secret key；Secret 只显示一次。将两者输入 Keyfolio。"),
        ],
        Enable =
        [
            new("Orderbook, History, Trading balance — all Keyfolio needs.", "Orderbook, History, Trading balance —— Keyfolio 只需要这一项。"),
            new("Payment information — optional, for the wallet balance.", "Payment information —— 可选，用于显示钱包余额。"),
        ],
        NeverEnable =
        [
            new("Withdraw cryptocurrencies — Keyfolio refuses keys that can withdraw. HitBTC cannot report this right, so Keyfolio cannot check it: leave it off.",
                "Withdraw cryptocurrencies（提币）—— Keyfolio 会拒绝可提币的密钥。HitBTC 无法通过 API 报告此权限，Keyfolio 无法检查：请保持关闭。"),
            new("Place/cancel orders — Keyfolio never trades.", "Place/cancel orders（下单/撤单）—— Keyfolio 从不交易。"),
        ],
        IpWhitelist = new(
            "If the key settings offer an IP restriction, enter this host's public IP address, which Keyfolio shows on the Add connection page. HitBTC has no API that reports a key's settings, so Keyfolio infers its rights from what it can read.",
            "如果密钥设置中提供 IP 限制，请填入本机的公网 IP 地址（Keyfolio 在“添加连接”页面显示）。HitBTC 没有报告密钥设置的 API，因此 Keyfolio 根据密钥能读取的内容推断其权限。"),
        KeyExpiry = new(
            "HitBTC documents no automatic expiry of API keys.",
            "HitBTC 未公布 API 密钥会自动过期。"),
    };
}
