namespace Keyfolio.Exchanges.Binance;

/// <summary>
/// Binance's key types: self-generated Ed25519 (recommended) or RSA keys, whose public key is registered and whose private
/// key signs, and system-generated HMAC keys ("API Key Types":
/// https://developers.binance.com/docs/binance-spot-api-docs/faqs/api_key_types; "How to Generate an Ed25519 Key Pair to
/// Send API Requests on Binance": https://www.binance.com/en/support/faq/how-to-generate-an-ed25519-key-pair-to-send-api-requests-on-binance-6b9a63f1e3384cf48a2eedb82767a69a;
/// Asymmetric Key Generator: https://developers.binance.com/en/docs/sdks-tools/tools/asymmetric-key-generator).
/// </summary>
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
            new("Click \"Create API\" and choose the key type. \"Self-generated\" (an Ed25519 key, which Binance recommends): first make a key pair with Binance's Asymmetric Key Generator (Ed25519) or with openssl genpkey -algorithm ed25519 -out keyfolio-private.pem, then paste the public key (-----BEGIN PUBLIC KEY-----) into Binance. \"System generated\" (an HMAC key): Binance makes the secret for you. Give the key a label such as \"Keyfolio\".",
                "点击“创建 API”并选择密钥类型。“自行生成”（Ed25519 密钥，币安推荐）：先用币安的非对称密钥生成器（Ed25519）或 openssl genpkey -algorithm ed25519 -out keyfolio-private.pem 生成密钥对，再把公钥（-----BEGIN PUBLIC KEY-----）粘贴到币安。“系统生成”（HMAC 密钥）：由币安为您生成 Secret。为密钥填写标签，例如“Keyfolio”。"),
            new("Complete the security verification (passkey, authenticator app, e-mail or SMS code).",
                "完成安全验证（通行密钥、身份验证器、邮箱或短信验证码）。"),
            new("Copy the API Key now. For a system-generated key copy the Secret Key too: it is shown only once, and Binance may also show both as a QR code, which Keyfolio can read. For a self-generated key the secret is your private key file (-----BEGIN PRIVATE KEY-----), which never leaves your computer: Binance only ever sees the public key.",
                "立即复制 API Key。系统生成的密钥还要复制 Secret Key：它只显示一次，币安也可能以二维码显示两者，Keyfolio 可以识别该二维码。自行生成的密钥，其 Secret 就是您的私钥文件（-----BEGIN PRIVATE KEY-----），它不会离开您的电脑：币安只看到公钥。"),
            new("Under \"API restrictions\" leave only \"Enable Reading\" ticked, then save.",
                "在“API 权限”中只保留勾选“允许读取”（Enable Reading），然后保存。"),
            new("Paste the API Key into Keyfolio and, into the Secret Key field, the Secret Key or the whole private key file from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY----- (never the public key; or scan the QR code), and choose the region where the key was created. Keyfolio keeps the private key encrypted in its vault, like a secret.",
                "把 API Key 粘贴到 Keyfolio，在 Secret Key 栏中粘贴 Secret Key，或从 -----BEGIN PRIVATE KEY----- 到 -----END PRIVATE KEY----- 的完整私钥文件（切勿粘贴公钥；也可以扫描二维码），并选择创建该密钥的地区。Keyfolio 会像 Secret 一样把私钥加密保存在保险库中。"),
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
