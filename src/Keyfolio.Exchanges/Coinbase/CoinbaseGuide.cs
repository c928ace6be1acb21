namespace Keyfolio.Exchanges.Coinbase;

/// <summary>
/// From CDP's "API Key Authentication" pages (https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/api-key-authentication
/// and https://docs.cdp.coinbase.com/coinbase-business/authentication-authorization/api-key-authentication), "Authorization"
/// (https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/authorization) and "Portfolios"
/// (https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/guides/portfolios: "Each API key is scoped to specific portfolio").
/// </summary>
internal static class CoinbaseGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            new("Sign in at portal.cdp.coinbase.com (the Coinbase Developer Platform) with your Coinbase account; the first sign-in creates a project.",
                "用您的 Coinbase 账户登录 portal.cdp.coinbase.com（Coinbase 开发者平台）；首次登录时会自动创建一个项目。"),
            new("Open \"API Keys\", choose the \"Secret API Keys\" tab and click \"Create API key\". Give it a nickname such as \"Keyfolio read-only\".",
                "打开“API Keys”，选择“Secret API Keys”标签，点击“Create API key”。为它起一个昵称，例如“Keyfolio read-only”。"),
            new("Under \"API restrictions\" leave only \"View\" ticked, and choose the portfolio the key may see: a Coinbase key sees one portfolio only, so add one connection per portfolio.",
                "在“API restrictions”（API 限制）中只保留“View”（查看），并选择此密钥可查看的投资组合：一个 Coinbase 密钥只能看到一个投资组合，每个投资组合需添加一个连接。"),
            new("Under \"Advanced settings\" change the signature algorithm from Ed25519 to \"ECDSA\": Coinbase's trading API does not accept Ed25519 keys, and Keyfolio refuses them.",
                "在“Advanced settings”（高级设置）中把签名算法从 Ed25519 改为“ECDSA”：Coinbase 的交易 API 不接受 Ed25519 密钥，Keyfolio 也会拒绝它们。"),
            new("Click \"Create API key\" and confirm with your second factor. Copy the API key name (organizations/…/apiKeys/…) and the private key (-----BEGIN EC PRIVATE KEY----- …), or click \"Download API key\": the private key is shown only this once.",
                "点击“Create API key”并完成两步验证。复制 API 密钥名称（organizations/…/apiKeys/…）和私钥（-----BEGIN EC PRIVATE KEY----- …），或点击“Download API key”下载：私钥只显示这一次。"),
            new("In Keyfolio paste the key name into \"API key name\" and the whole private key, with its BEGIN and END lines, into \"Private key\". A key copied from the downloaded file with \\n between its lines works as it is.",
                "在 Keyfolio 中，把密钥名称粘贴到“API 密钥名称”，把完整私钥（包括 BEGIN 和 END 行）粘贴到“私钥”。从下载文件中复制、各行之间带 \\n 的私钥也可直接使用。"),
        ],
        Enable = [new("View — reads balances, the only permission Keyfolio needs.", "查看（View）—— 读取余额，Keyfolio 只需要这一项。")],
        NeverEnable =
        [
            new("Transfer — it lets the key send funds off Coinbase (a withdrawal); Keyfolio refuses keys that have it.", "转账（Transfer）—— 允许用密钥把资金转出 Coinbase（即提现）；Keyfolio 会拒绝带有此权限的密钥。"),
            new("Trade — Keyfolio never places orders.", "交易（Trade）—— Keyfolio 从不下单。"),
        ],
        IpWhitelist = new(
            "Optionally add this host's public IP address (or a CIDR range) to the key's IP allowlist in the CDP portal, under \"API restrictions\" when you create the key or with \"Configure\" later. Coinbase never reports the allowlist through its API, so Keyfolio cannot show it, and a refused address looks to Keyfolio like any other refusal: if Keyfolio runs behind a changing IP address, leave the allowlist empty.",
            "可选：在 CDP 门户中为密钥的 IP 允许列表添加本机的公网 IP 地址（或 CIDR 网段），可在创建密钥时的“API restrictions”中设置，或之后通过“Configure”修改。Coinbase 的 API 从不返回允许列表，因此 Keyfolio 无法显示它；被拒绝的地址在 Keyfolio 看来与其他拒绝无异：如果 Keyfolio 的 IP 地址会变化，请不要设置允许列表。"),
        KeyExpiry = new(
            "CDP API keys do not expire; a key stops working when it is deleted in the CDP portal.",
            "CDP API 密钥不会过期；在 CDP 门户中删除后即失效。"),
    };
}
