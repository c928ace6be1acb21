using Keyfolio.Exchanges;

namespace Keyfolio.Cli;

/// <summary>The command line's own words, in English and Chinese.</summary>
internal static class Texts
{
    public static readonly LocalizedText Fix = new("Fix", "解决办法");
    public static readonly LocalizedText Error = new("Error", "错误");
    public static readonly LocalizedText MasterPassword = new("Master password", "主密码");
    public static readonly LocalizedText NewMasterPassword = new("New master password", "新主密码");
    public static readonly LocalizedText RepeatPassword = new("Repeat the password", "再次输入密码");
    public static readonly LocalizedText ExportPassword = new("Export password", "导出密码");
    public static readonly LocalizedText PasswordsDiffer = new("The two passwords differ; nothing was changed.", "两次输入的密码不一致；未做任何更改。");
    public static readonly LocalizedText NoTerminal = new(
        "There is no terminal to ask for {0}.",
        "没有可用于输入{0}的终端。");

    public static readonly LocalizedText NoTerminalFix = new(
        "Give it with --password-file FILE or the KEYFOLIO_PASSWORD_FILE environment variable (keys: --credentials-stdin, --qr-text - or --qr-text FILE).",
        "请用 --password-file FILE 或环境变量 KEYFOLIO_PASSWORD_FILE 提供（密钥请用 --credentials-stdin、--qr-text - 或 --qr-text FILE）。");

    public static readonly LocalizedText Verifying = new("Verifying the key with the exchange…", "正在向交易所验证密钥…");
    public static readonly LocalizedText Refreshing = new("Reading balances from the exchanges…", "正在从交易所读取余额…");
    public static readonly LocalizedText Unlocking = new("Unlocking the vault…", "正在解锁保险库…");
    public static readonly LocalizedText Connection = new("Connection", "连接");
    public static readonly LocalizedText Exchange = new("Exchange", "交易所");
    public static readonly LocalizedText Status = new("Status", "状态");
    public static readonly LocalizedText Key = new("Key", "密钥");
    public static readonly LocalizedText Value = new("Value (USD)", "价值（美元）");
    public static readonly LocalizedText Asset = new("Asset", "资产");
    public static readonly LocalizedText Amount = new("Amount", "数量");
    public static readonly LocalizedText Price = new("Price (USD)", "价格（美元）");
    public static readonly LocalizedText Findings = new("Findings", "发现");
    public static readonly LocalizedText Total = new("Total", "合计");
    public static readonly LocalizedText Stale = new("stale", "过期数据");
    public static readonly LocalizedText Unpriced = new("unpriced", "无报价");
    public static readonly LocalizedText Wallet = new("Wallet", "钱包");
    public static readonly LocalizedText NotRead = new("not read", "未读取");
    public static readonly LocalizedText Incomplete = new(
        "Incomplete: these wallets were not read, so the totals above are at least the values shown.",
        "读取不完整：以下钱包未读取，因此上面的合计至少为所示数值。");
    public static readonly LocalizedText Updated = new("Updated", "更新时间");
    public static readonly LocalizedText SubAccount = new("Sub-account", "子账户");
    public static readonly LocalizedText SubAccountRow = new("  sub-account {0}", "  子账户 {0}");
    public static readonly LocalizedText MainAccountRow = new("  main account", "  主账户");
    public static readonly LocalizedText Note = new("Note", "备注");
    public static readonly LocalizedText Included = new("Included", "已包含");
    public static readonly LocalizedText Yes = new("yes", "是");
    public static readonly LocalizedText No = new("no", "否");
    public static readonly LocalizedText NoLongerListed = new("no longer listed", "已不在列表中");
    public static readonly LocalizedText Frozen = new("frozen", "已冻结");
    public static readonly LocalizedText NoSubAccountReading = new("Keyfolio reads no sub-accounts on {0}.", "Keyfolio 不读取{0}的子账户。");
    public static readonly LocalizedText SubAccountsNotListed = new(
        "Not listed yet: they are listed at every refresh, or now with --refresh.",
        "尚未列出：每次刷新时都会列出，也可用 --refresh 立即列出。");
    public static readonly LocalizedText SubAccountsNone = new("The exchange lists no sub-accounts for this key.", "交易所没有为此密钥列出任何子账户。");
    public static readonly LocalizedText SubAccountsRefused = new(
        "{0} refused to list sub-accounts for this key (a sub-account's own key sees none): {1}",
        "{0}拒绝为此密钥列出子账户（子账户自己的密钥看不到子账户）：{1}");
    public static readonly LocalizedText NoConnections = new("No connections yet. Add one with `keyfolio connect <exchange>`.", "还没有连接。请用 `keyfolio connect <交易所>` 添加。");

    public static string Format(this LocalizedText text, string language, params object[] args) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, language == "zh" ? text.Zh : text.En, args);

    public static string In(this LocalizedText text, string language) => language == "zh" ? text.Zh : text.En;
}
