namespace Keyfolio.Exchanges.Gate;

internal static class GateGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            new("Set up two-factor authentication first (an authenticator app): Gate asks for it when creating a key. Keys are created on the website only, not in the app.",
                "请先设置双重验证（身份验证器 App）：创建密钥时 Gate 会要求验证。密钥只能在网站上创建，无法在 App 中创建。"),
            new("Sign in on gate.com in a browser, click the profile icon at the top right and choose \"API Management\".",
                "在电脑浏览器中登录 gate.com，点击右上角的个人头像，选择“API 管理”。"),
            new("Click \"Create API Key\", name it \"Keyfolio\" and choose the main account (or the sub-account to read).",
                "点击“创建 API Key”，命名为“Keyfolio”，并选择主账户（或要读取的子账户）。"),
            new("Set every permission group (spot/margin, perpetual, delivery, wallet, withdrawal…) to \"Read only\" or leave it disabled; Keyfolio needs read-only spot and wallet.",
                "把每个权限组（现货/杠杆、永续合约、交割合约、钱包、提现……）设为“只读”或保持关闭；Keyfolio 只需要现货和钱包的只读权限。"),
            new("Confirm with your two-factor code, then copy the Key and the Secret: the secret is shown only once.",
                "用双重验证码确认，然后复制 Key 和 Secret：Secret 只显示一次。"),
            new("Enter them in Keyfolio.", "将它们输入 Keyfolio。"),
        ],
        Enable = [new("Read only on spot and wallet — all Keyfolio needs.", "现货和钱包的只读权限 —— Keyfolio 只需要这些。")],
        NeverEnable =
        [
            new("Withdrawal — Keyfolio refuses keys that can withdraw.", "提现 —— Keyfolio 会拒绝可提现的密钥。"),
            new("Read and write on any group — Keyfolio never trades or moves funds.", "任何权限组的读写权限 —— Keyfolio 从不交易或转移资金。"),
        ],
        IpWhitelist = new(
            "Add up to 20 IPv4 addresses (no ranges) to the key's IP whitelist: enter this host's public IP address, which Keyfolio shows on the Add connection page. Changes take up to 5 minutes. Without a whitelist Gate accepts any address.",
            "可在密钥的 IP 白名单中添加最多 20 个 IPv4 地址（不支持网段）：填入本机的公网 IP 地址（Keyfolio 在“添加连接”页面显示）。修改最多需要 5 分钟生效。未设置白名单时，Gate 接受任何地址。"),
        KeyExpiry = new(
            "Gate documents no automatic expiry of API keys; Keyfolio shows when a key was created and last used, so unused keys can be deleted.",
            "Gate 未公布 API 密钥会自动过期；Keyfolio 会显示密钥的创建时间和最近使用时间，便于删除不再使用的密钥。"),
    };
}
