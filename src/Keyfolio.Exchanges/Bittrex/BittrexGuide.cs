namespace Keyfolio.Exchanges.Bittrex;

internal static class BittrexGuide
{
    public static ExchangeGuide Instance { get; } = new()
    {
        Notice = new(
            "Bittrex has closed (December 2023): no new key can be created and existing keys no longer work. The steps below are kept for reference and for a Bittrex-compatible test server.",
            "Bittrex 已关闭（2023 年 12 月）：无法再创建新密钥，现有密钥也已失效。以下步骤仅供参考，以及用于兼容 Bittrex 的测试服务器。"),
        Steps =
        [
            new("Sign in on the Bittrex website, open \"Settings\" at the top right and choose \"API Keys\" on the left.",
                "登录 Bittrex 网站，点击右上角的“Settings”（设置），在左侧选择“API Keys”。"),
            new("Click \"Add new key\" and switch on only \"READ INFO\".", "点击“Add new key”，只开启“READ INFO”（读取信息）。"),
            new("Enter your two-factor code and click \"Save\": the Key and the Secret appear; the secret is shown only once.",
                "输入双重验证码并点击“Save”：Key 和 Secret 会显示出来；Secret 只显示一次。"),
            new("Enter both in Keyfolio.", "将两者输入 Keyfolio。"),
        ],
        Enable = [new("READ INFO — all Keyfolio needs.", "READ INFO（读取信息）—— Keyfolio 只需要这一项。")],
        NeverEnable =
        [
            new("WITHDRAW — Keyfolio refuses keys that can withdraw.", "WITHDRAW（提现）—— Keyfolio 会拒绝可提现的密钥。"),
            new("TRADE — Keyfolio never trades.", "TRADE（交易）—— Keyfolio 从不交易。"),
        ],
        IpWhitelist = new(
            "Bittrex offered an IP whitelist per account; its API never reported it.",
            "Bittrex 曾按账户提供 IP 白名单；其 API 从未报告该设置。"),
        KeyExpiry = new(
            "Every Bittrex key stopped working when the exchange closed.",
            "交易所关闭后，所有 Bittrex 密钥均已失效。"),
    };
}
