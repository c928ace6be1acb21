namespace Keyfolio.Exchanges.Kraken;

/// <summary>Creating a query-only key on Kraken Pro today (Kraken support, "How to create an API key on Kraken Pro",
/// https://support.kraken.com/articles/360000919966; Kraken API, "API keys": https://docs.kraken.com/api/docs/guides/global-intro).</summary>
internal static class KrakenGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            new("Sign in on kraken.com (or pro.kraken.com) in a browser, click the profile icon at the top right, choose \"Settings\" and open the \"API\" tab.",
                "在电脑浏览器中登录 kraken.com（或 pro.kraken.com），点击右上角的个人头像，选择“Settings”（设置），打开“API”标签页。"),
            new("Click \"Create API key\" and give it a name such as \"Keyfolio\".", "点击“Create API key”，并填写名称，例如“Keyfolio”。"),
            new("Under the permissions tick \"Query Funds\" (Funds permissions – Query) and nothing else; \"Query Open Orders & Trades\", \"Query Closed Orders & Trades\" and \"Query Ledger Entries\" are harmless but not needed.",
                "在权限中只勾选“Query Funds”（资金权限 – 查询）；“Query Open Orders & Trades”“Query Closed Orders & Trades”和“Query Ledger Entries”无害，但不需要。"),
            new("Leave \"Withdraw Funds\", \"Deposit Funds\", \"Earn Funds\", every order permission and the withdrawal-address permissions unticked.",
                "不要勾选“Withdraw Funds”“Deposit Funds”“Earn Funds”、任何下单权限和提现地址权限。"),
            new("In the advanced settings you may restrict the key to this host's IP address and set an expiry date; leave the nonce window at 0.",
                "在高级设置中可以把密钥限制为本机的 IP 地址，并设置到期日期；nonce 窗口保持为 0。"),
            new("Click \"Generate key\", then copy the API Key and the Private Key: Kraken shows the private key only once.",
                "点击“Generate key”，然后复制 API Key 和 Private Key：Kraken 只显示一次私钥。"),
            new("Use this key for Keyfolio alone: Kraken refuses a request whose nonce is not above the highest one the key has used, so a key shared with another program, or once used by a tool that counts nonces in nanoseconds, stops working.",
                "请让此密钥仅供 Keyfolio 使用：Kraken 会拒绝 nonce 不大于该密钥用过的最大值的请求，因此与其他程序共用、或曾被以纳秒计 nonce 的工具使用过的密钥会失效。"),
        ],
        Enable = [new("Query Funds — all Keyfolio needs to read balances.", "Query Funds（查询资金）—— Keyfolio 读取余额只需要这一项。")],
        NeverEnable =
        [
            new("Withdraw Funds — Keyfolio refuses keys that can withdraw; leave \"Add Withdrawal Address\" and \"Update Withdrawal Address\" off too.",
                "Withdraw Funds（提现）—— Keyfolio 会拒绝可提现的密钥；“Add Withdrawal Address”和“Update Withdrawal Address”也请保持关闭。"),
            new("Create & Modify Orders, Cancel & Close Orders, Deposit Funds and Earn Funds — Keyfolio never trades or moves funds.",
                "Create & Modify Orders、Cancel & Close Orders、Deposit Funds 和 Earn Funds —— Keyfolio 从不交易或转移资金。"),
        ],
        IpWhitelist = new(
            "Under the key's advanced settings, \"IP allowlist\" restricts it to the addresses you list: enter this host's public IP address, which Keyfolio shows on the Add connection page. Keyfolio reads the list back from Kraken and shows it.",
            "在密钥的高级设置中，“IP allowlist”（IP 白名单）会把密钥限制为您列出的地址：填入本机的公网 IP 地址（Keyfolio 在“添加连接”页面显示）。Keyfolio 会从 Kraken 读取并显示该列表。"),
        Passphrase = new(
            "Kraken can protect an API key with two-factor authentication (Security → 2FA → API keys). Such a key needs its 2FA password with every call, so a key with a static 2FA password can be used by entering that password in the optional 2FA field; a key protected by an authenticator app cannot, as its code changes every 30 seconds. Kraken answers \"EAPI:Invalid signature\" when the password is missing. For Keyfolio, prefer a key without 2FA restricted to this host's IP address.",
            "Kraken 可以为 API 密钥开启双重验证（安全 → 2FA → API 密钥）。这样的密钥每次调用都需要其 2FA 密码：使用固定 2FA 密码的密钥，可在可选的 2FA 栏位中填入该密码；使用验证器 App 的密钥则无法使用，因为验证码每 30 秒变化一次。缺少密码时 Kraken 会返回“EAPI:Invalid signature”。建议为 Keyfolio 使用不开启 2FA、但限制为本机 IP 地址的密钥。"),
        KeyExpiry = new(
            "A Kraken key expires only if you set an expiry date when creating it; Keyfolio reads that date from Kraken and warns before it. Kraken may disable keys that stay unused for several months.",
            "Kraken 密钥只有在创建时设置了到期日期才会过期；Keyfolio 会从 Kraken 读取该日期并提前提醒。长期（数月）未使用的密钥可能会被 Kraken 停用。"),
    };
}
