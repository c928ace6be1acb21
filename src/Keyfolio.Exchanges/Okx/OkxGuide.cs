namespace Keyfolio.Exchanges.Okx;

internal static class OkxGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            new("Sign in on okx.com in a browser (EEA users: my.okx.com; US users: app.okx.com). Create the key on the site where your account lives: keys work only there.",
                "在电脑浏览器中登录 okx.com（欧洲经济区用户：my.okx.com；美国用户：app.okx.com）。请在账户所在的站点创建密钥：密钥只能在该站点使用。"),
            new("Open the profile menu and choose \"API keys\", then \"Create API key\" (a V5 key).",
                "打开个人中心菜单，选择“API”，然后点击“创建 API Key”（V5 密钥）。"),
            new("Choose \"API trading\" as the purpose, name the key \"Keyfolio\", and create a Passphrase; write it down, OKX never shows it again.",
                "用途选择“API 交易”，将密钥命名为“Keyfolio”，并设置 Passphrase（密码短语）；请记下它，OKX 之后不会再显示。"),
            new("Tick only the \"Read\" permission and complete the security verification.",
                "只勾选“读取”权限，并完成安全验证。"),
            new("Copy the API key and the Secret key. OKX also shows them as a QR code; the QR code never contains the Passphrase, so type it yourself.",
                "复制 API key 和 Secret key。OKX 也会以二维码显示它们；二维码中不包含 Passphrase，请手动输入。"),
            new("In Keyfolio choose the OKX site (global, EEA or US) and live or demo trading, then enter API key, Secret key and Passphrase.",
                "在 Keyfolio 中选择 OKX 站点（全球、欧洲经济区或美国）以及实盘或模拟盘，然后输入 API key、Secret key 和 Passphrase。"),
        ],
        Enable = [new("Read — all Keyfolio needs.", "读取 —— Keyfolio 只需要这一项。")],
        NeverEnable =
        [
            new("Withdraw — Keyfolio refuses keys that can withdraw.", "提现 —— Keyfolio 会拒绝可提现的密钥。"),
            new("Trade — Keyfolio never places orders.", "交易 —— Keyfolio 从不下单。"),
        ],
        IpWhitelist = new(
            "Optionally bind up to 20 IP addresses (IPv4, IPv6 or ranges): enter this host's public IP address, which Keyfolio shows on the Add connection page. When a call is refused for its IP, OKX names the address it saw, and Keyfolio shows it.",
            "可选择绑定最多 20 个 IP 地址（IPv4、IPv6 或网段）：填入本机的公网 IP 地址（Keyfolio 在“添加连接”页面显示）。当请求因 IP 被拒绝时，OKX 会给出它看到的地址，Keyfolio 会显示该地址。"),
        Passphrase = new(
            "OKX keys have a third credential, the Passphrase, chosen by you when the key is created. OKX stores only a hash of it: if it is lost, delete the key and create a new one.",
            "OKX 密钥有第三个凭证 Passphrase（密码短语），由您在创建密钥时设置。OKX 只保存其哈希值：如已遗忘，请删除该密钥并新建一个。"),
        KeyExpiry = new(
            "A key with trade or withdraw rights and no IP address is deleted after 14 days without use. A read-only key, a key bound to an IP address and a demo-trading key do not expire.",
            "拥有交易或提现权限且未绑定 IP 的密钥，在连续 14 天未使用后会被删除。只读密钥、绑定了 IP 的密钥和模拟盘密钥不会过期。"),
    };
}
