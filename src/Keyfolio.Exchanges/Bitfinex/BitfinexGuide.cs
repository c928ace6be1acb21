namespace Keyfolio.Exchanges.Bitfinex;

internal static class BitfinexGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            new("Sign in on bitfinex.com in a browser, open the account menu at the top right and choose \"API Keys\".",
                "在电脑浏览器中登录 bitfinex.com，打开右上角的账户菜单，选择“API Keys”。"),
            new("Click \"Create New Key\" and give it a label such as \"Keyfolio\".", "点击“Create New Key”，并填写标签，例如“Keyfolio”。"),
            new("Leave every \"Read\" permission on and switch every \"Write\" permission off, withdrawals included.",
                "保留所有“读取”权限，关闭所有“写入”权限，包括提现。"),
            new("Click \"Generate API Key\", complete the two-factor check and confirm the e-mail Bitfinex sends.",
                "点击“Generate API Key”，完成双重验证，并确认 Bitfinex 发送的邮件。"),
            new("Copy the API Key and the API Key Secret, or scan the QR code Bitfinex shows with both; the secret is shown only once.",
                "复制 API Key 和 API Key Secret，或扫描 Bitfinex 显示的包含两者的二维码；Secret 只显示一次。"),
            new("Use this key for Keyfolio alone: Bitfinex refuses a request whose nonce is not above the last one used with the key, so a key shared with another program stops working.",
                "请让此密钥仅供 Keyfolio 使用：Bitfinex 会拒绝 nonce 不大于该密钥上次所用值的请求，与其他程序共用的密钥会因此失效。"),
        ],
        Enable = [new("Read on account, history, orders, positions, funding, settings and wallets — all Keyfolio needs.", "账户、历史、订单、仓位、融资、设置和钱包的读取权限 —— Keyfolio 只需要这些。")],
        NeverEnable =
        [
            new("Withdraw (write) — Keyfolio refuses keys that can withdraw.", "提现（写入）—— Keyfolio 会拒绝可提现的密钥。"),
            new("Any other write permission: orders, positions, funding offers, wallet transfers, settings.", "任何其他写入权限：订单、仓位、融资挂单、钱包划转、设置。"),
        ],
        IpWhitelist = new(
            "Under \"IP Access restrictions\" you may allow up to 20 IP addresses: enter this host's public IP address, which Keyfolio shows on the Add connection page. Bitfinex does not report the list through its API, so Keyfolio cannot check it.",
            "在“IP 访问限制”中最多可允许 20 个 IP 地址：填入本机的公网 IP 地址（Keyfolio 在“添加连接”页面显示）。Bitfinex 不通过 API 提供该列表，因此 Keyfolio 无法检查。"),
        KeyExpiry = new(
            "Bitfinex documents no automatic expiry of API keys.",
            "Bitfinex 未公布 API 密钥会自动过期。"),
    };
}
