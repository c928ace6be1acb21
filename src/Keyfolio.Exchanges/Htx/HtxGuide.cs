namespace Keyfolio.Exchanges.Htx;

internal static class HtxGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Steps =
        [
            new("Sign in on htx.com (formerly Huobi) in a browser.", "在电脑浏览器中登录 htx.com（原火币）。"),
            new("Hover over the profile icon at the top right and choose \"API Management\".", "将鼠标移到右上角的个人中心图标，选择“API 管理”。"),
            new("Enter a note such as \"Keyfolio\", tick only \"Read-only\", and optionally bind this host's IP address.",
                "填写备注，例如“Keyfolio”，只勾选“只读”，并可选择绑定本机 IP 地址。"),
            new("Click \"Create\" and complete the security verification.", "点击“创建”，并完成安全验证。"),
            new("Copy the Access Key and the Secret Key now: the Secret Key is shown only once.", "立即复制 Access Key（访问密钥）和 Secret Key（私密密钥）：私密密钥只显示一次。"),
            new("Enter them in Keyfolio: the Access Key as the API key, the Secret Key as the secret.", "在 Keyfolio 中输入：Access Key 填入 API Key，Secret Key 填入 Secret。"),
        ],
        Enable = [new("Read-only — all Keyfolio needs.", "只读 —— Keyfolio 只需要这一项。")],
        NeverEnable =
        [
            new("Withdraw — Keyfolio refuses keys that can withdraw.", "提币 —— Keyfolio 会拒绝可提币的密钥。"),
            new("Trade — Keyfolio never places orders.", "交易 —— Keyfolio 从不下单。"),
        ],
        IpWhitelist = new(
            "Bind up to 20 IP addresses: enter this host's public IP address, which Keyfolio shows on the Add connection page. When a call is refused for its IP, HTX names the address it saw, and Keyfolio shows it.",
            "最多可绑定 20 个 IP 地址：填入本机的公网 IP 地址（Keyfolio 在“添加连接”页面显示）。当请求因 IP 被拒绝时，HTX 会给出它看到的地址，Keyfolio 会显示该地址。"),
        KeyExpiry = new(
            "A key not bound to an IP address expires 90 days after it is created; Keyfolio shows the days left. A key bound to an IP address does not expire.",
            "未绑定 IP 地址的密钥会在创建 90 天后过期；Keyfolio 会显示剩余天数。绑定了 IP 地址的密钥不会过期。"),
    };
}
