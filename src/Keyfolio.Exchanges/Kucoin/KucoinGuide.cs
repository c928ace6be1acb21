namespace Keyfolio.Exchanges.Kucoin;

/// <summary>From KuCoin's help centre, "How to Create an API" (https://www.kucoin.com/support/360015102174).</summary>
internal static class KucoinGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            new("Sign in on kucoin.com in a browser, open the profile menu at the top right and choose \"API Management\".",
                "在电脑浏览器中登录 kucoin.com，打开右上角的个人菜单，选择“API 管理”。"),
            new("Click \"Create API\" and choose \"API Trading\" (not \"Link Third-Party Applications\", which binds the key to a partner's addresses).",
                "点击“创建 API”，选择“API 交易”（不要选“关联第三方应用”，那会把密钥绑定到合作方的地址）。"),
            new("Name the key \"Keyfolio\" and set an API passphrase; write it down: Keyfolio needs it, and KuCoin never shows it again.",
                "将密钥命名为“Keyfolio”，并设置 API 密码（Passphrase）；请记下它：Keyfolio 需要它，KuCoin 之后不会再显示。"),
            new("Tick only the \"General\" permission, optionally restrict the key to this host's IP address, then complete the security verification (trading password, email code, authenticator).",
                "只勾选“通用”（General）权限，可选择把密钥限制为本机 IP 地址，然后完成安全验证（交易密码、邮箱验证码、身份验证器）。"),
            new("Copy the API Key and the API Secret: KuCoin shows the secret only once.",
                "复制 API Key 和 API Secret：KuCoin 只显示一次 Secret。"),
            new("In Keyfolio enter the API Key, the API Secret and the passphrase you set in step 3.",
                "在 Keyfolio 中输入 API Key、API Secret 和第 3 步设置的 API 密码。"),
        ],
        Enable = [new("General — read-only access to balances; all Keyfolio needs.", "通用（General）—— 只读访问余额；Keyfolio 只需要这一项。")],
        NeverEnable =
        [
            new("Withdrawal — Keyfolio refuses keys that can withdraw.", "提现（Withdrawal）—— Keyfolio 会拒绝可提现的密钥。"),
            new("Spot, Margin and Futures trading, Earn and Flex Transfers — Keyfolio never trades or moves funds.", "现货、杠杆、合约交易、理财和灵活划转 —— Keyfolio 从不交易或转移资金。"),
        ],
        IpWhitelist = new(
            "Optionally restrict the key to up to 20 IP addresses: enter this host's public IP address, which Keyfolio shows on the Add connection page. KuCoin reports the list with the middle of each address hidden (203.**.154), so Keyfolio shows it as KuCoin does. When a call is refused for its IP, KuCoin names the address it saw, and Keyfolio shows it.",
            "可选择把密钥限制为最多 20 个 IP 地址：填入本机的公网 IP 地址（Keyfolio 在“添加连接”页面显示）。KuCoin 返回的地址列表会隐藏每个地址的中间部分（如 203.**.154），Keyfolio 按 KuCoin 的原样显示。当请求因 IP 被拒绝时，KuCoin 会给出它看到的地址，Keyfolio 会显示该地址。"),
        Passphrase = new(
            "KuCoin keys have a third credential, the API passphrase, which you set when creating the key (it is not your login or trading password). It cannot be recovered: if it is lost, delete the key and create a new one.",
            "KuCoin 密钥有第三个凭证：创建密钥时由您设置的 API 密码（Passphrase，不是登录密码或交易密码）。它无法找回：如已遗忘，请删除该密钥并新建一个。"),
        KeyExpiry = new(
            "A key with only the \"General\" permission does not expire. A key that can trade and has no IP address is deleted, or loses its trading rights, after 30 days without use.",
            "只有“通用”（General）权限的密钥不会过期。可交易且未绑定 IP 的密钥，在连续 30 天未使用后会被删除或失去交易权限。"),
    };
}
