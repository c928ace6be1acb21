namespace Keyfolio.Exchanges.Binance;

internal static class BinanceGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            new("Sign in on binance.com in a browser (Binance.US users: binance.us). Keys cannot be created in the mobile app.",
                "在电脑浏览器中登录 binance.com（Binance.US 用户请登录 binance.us）。手机 App 中无法创建 API 密钥。"),
            new("Open the profile menu and choose \"Account\" › \"API Management\".",
                "打开个人中心菜单，进入“账户” › “API 管理”。"),
            new("Click \"Create API\", choose \"System generated\" (an HMAC key) and give it a label such as \"Keyfolio\".",
                "点击“创建 API”，选择“系统生成”（HMAC 密钥），并填写标签，例如“Keyfolio”。"),
            new("Complete the security verification (passkey, authenticator app, e-mail or SMS code).",
                "完成安全验证（通行密钥、身份验证器、邮箱或短信验证码）。"),
            new("Copy the API Key and the Secret Key now: the secret is shown only once. Binance may also show them as a QR code, which Keyfolio can read.",
                "立即复制 API Key 和 Secret Key：Secret 只显示一次。币安也可能以二维码显示，Keyfolio 可以识别该二维码。"),
            new("Under \"API restrictions\" leave only \"Enable Reading\" ticked, then save.",
                "在“API 权限”中只保留勾选“允许读取”（Enable Reading），然后保存。"),
            new("Paste the key and secret into Keyfolio (or scan the QR code) and choose the region where the key was created.",
                "把 Key 和 Secret 粘贴到 Keyfolio（或扫描二维码），并选择创建该密钥的地区。"),
        ],
        Enable = [new("Enable Reading — all Keyfolio needs.", "允许读取（Enable Reading）—— Keyfolio 只需要这一项。")],
        NeverEnable =
        [
            new("Enable Withdrawals — Keyfolio refuses keys that can withdraw.", "允许提现（Enable Withdrawals）—— Keyfolio 会拒绝可提现的密钥。"),
            new("Enable Spot & Margin Trading, Margin loan, Futures, Options, Universal Transfer and Internal Transfer — Keyfolio never trades or moves funds.",
                "允许现货及杠杆交易、杠杆借贷、合约、期权、万向划转和内部划转 —— Keyfolio 从不交易或转移资金。"),
        ],
        IpWhitelist = new(
            "Choose \"Restrict access to trusted IPs only\" and enter this host's public IP address, which Keyfolio shows on the Add connection page (on a server, the address its outgoing traffic uses). A read-only key may stay unrestricted, but Binance limits and may delete unrestricted keys that have more than reading enabled.",
            "选择“仅限受信任 IP 访问”，并填入本机的公网 IP 地址（Keyfolio 在“添加连接”页面显示；在服务器上即其出站流量使用的地址）。只读密钥可以不限制 IP，但对于开启了读取以外权限且不限制 IP 的密钥，币安会加以限制并可能删除。"),
        KeyExpiry = new(
            "A key without trusted IPs keeps \"Spot & Margin Trading\" for only 30 days, after which Binance unticks it; a read-only key does not expire. Keys restricted to trusted IPs keep their rights.",
            "未限制可信 IP 的密钥，其“现货及杠杆交易”权限只保留 30 天，之后币安会自动取消勾选；只读密钥不会过期。限制了可信 IP 的密钥会保留其权限。"),
    };
}
