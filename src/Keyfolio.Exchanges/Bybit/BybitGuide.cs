namespace Keyfolio.Exchanges.Bybit;

internal static class BybitGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            new("Sign in on bybit.com in a browser (or on your regional Bybit site, or testnet.bybit.com for a testnet key). Open the profile menu at the top right and choose \"API\" (API Management: https://www.bybit.com/app/user/api-management).",
                "在电脑浏览器中登录 bybit.com（或您所在地区的 Bybit 站点；测试网密钥请登录 testnet.bybit.com）。点击右上角的个人菜单，选择“API”（API 管理：https://www.bybit.com/app/user/api-management）。"),
            new("Click \"Create New Key\" and choose \"System-generated API Keys\": Keyfolio signs with the HMAC secret Bybit generates, not with a key pair of your own.",
                "点击“新建密钥”，选择“系统生成 API 密钥”：Keyfolio 使用 Bybit 生成的 HMAC 密钥签名，不使用您自己生成的密钥对。"),
            new("Under \"API Key Usage\" choose \"API Transaction\" (not \"Connect to Third-Party Applications\") and name the key \"Keyfolio\".",
                "在“API 密钥用途”中选择“API 交易”（不要选“连接第三方应用”），并将密钥命名为“Keyfolio”。"),
            new("Under \"API Key Permissions\" choose \"Read-Only\", then tick the read scopes: Unified Trading (Orders, Positions), Spot, Wallet (\"Account Transfer\", which shows the funding account) and Earn.",
                "在“API 密钥权限”中选择“只读”，然后勾选读取范围：统一交易账户（订单、持仓）、现货、钱包（“账户划转”，用于显示资金账户）和理财。"),
            new("Bind the key to this host's public IP address (see below): a key without one stops working after 90 days.",
                "将密钥绑定本机的公网 IP 地址（见下文）：未绑定 IP 的密钥 90 天后会失效。"),
            new("Confirm with your two-factor code, then copy the API Key and the API Secret: the secret is shown only once.",
                "用双重验证码确认，然后复制 API Key 和 API Secret：Secret 只显示一次。"),
            new("In Keyfolio choose the Bybit site the key was made on (global, a regional site, or testnet) and enter API Key and API Secret.",
                "在 Keyfolio 中选择创建密钥的 Bybit 站点（全球站、地区站或测试网），然后输入 API Key 和 API Secret。"),
        ],
        Enable =
        [
            new("\"Read-Only\" with the read scopes Unified Trading, Spot, Wallet (\"Account Transfer\") and Earn — all Keyfolio needs.",
                "“只读”，并勾选读取范围：统一交易账户、现货、钱包（“账户划转”）和理财 —— Keyfolio 只需要这些。"),
        ],
        NeverEnable =
        [
            new("\"Withdrawal\" (under Wallet) — Keyfolio refuses keys that can withdraw.", "“提现”（钱包下）—— Keyfolio 会拒绝可提现的密钥。"),
            new("\"Read-Write\" — Keyfolio never trades, transfers or moves funds.", "“读写” —— Keyfolio 从不交易、划转或转移资金。"),
        ],
        IpWhitelist = new(
            "Tick \"Only IPs with permissions granted are allowed to access the OpenAPI\" and enter this host's public IP address, which Keyfolio shows on the Add connection page. A key bound to IP addresses does not expire; without them any address is accepted, but the key expires.",
            "勾选“仅允许已授权的 IP 访问 OpenAPI”，并填入本机的公网 IP 地址（Keyfolio 在“添加连接”页面显示）。绑定了 IP 地址的密钥不会过期；未绑定时任何地址都可使用，但密钥会过期。"),
        KeyExpiry = new(
            "Bybit invalidates a key that is not bound to an IP address after 90 days, and 7 days after you change the account password. Bybit reports the date, and Keyfolio warns before it; a key bound to IP addresses does not expire.",
            "未绑定 IP 地址的密钥会在 90 天后失效，修改账户密码 7 天后也会失效。Bybit 会报告失效日期，Keyfolio 会在此之前提醒；绑定了 IP 地址的密钥不会过期。"),
    };
}
