using System.Globalization;
using Keyfolio.Core.Portfolio;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Status;

/// <summary>The name of each status in English and Chinese, and the explanation and fix of those not drawn from an
/// exchange's refusal.</summary>
public static class StatusTexts
{
    public static LocalizedText Title(ConnectionStatusCode code, int? daysLeft = null, DateTimeOffset? until = null) => code switch
    {
        ConnectionStatusCode.VaultLocked => new("Vault locked", "保险库已锁定"),
        ConnectionStatusCode.ExchangeClosed => new("Exchange closed", "交易所已关闭"),
        ConnectionStatusCode.InvalidKey => new("Invalid key", "密钥无效"),
        ConnectionStatusCode.WrongPassphrase => new("Wrong passphrase", "密码短语错误"),
        ConnectionStatusCode.BadSignature => new("Bad signature", "签名错误"),
        ConnectionStatusCode.IpNotAllowed => new("IP not allowed", "IP 不在白名单"),
        ConnectionStatusCode.RegionBlocked => new("Region blocked", "地区受限"),
        ConnectionStatusCode.WrongEnvironment => new("Wrong environment", "环境不匹配"),
        ConnectionStatusCode.ClockSkew => new("Clock skew", "时钟偏差"),
        ConnectionStatusCode.KeyExpired => new("Key expired", "密钥已过期"),
        ConnectionStatusCode.WithdrawalEnabled => new("Withdrawal enabled", "已开启提币权限"),
        ConnectionStatusCode.MissingPermission => new("Missing permission", "缺少权限"),
        ConnectionStatusCode.RateLimited => until is { } t
            ? new("Rate limited until " + t.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC", "请求受限，直到 UTC " + t.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture))
            : new("Rate limited", "请求受限"),
        ConnectionStatusCode.ExchangeUnavailable => new("Exchange unavailable", "交易所暂不可用"),
        ConnectionStatusCode.Incomplete => new("Incomplete", "读取不完整"),
        ConnectionStatusCode.ExpiresSoon => daysLeft is { } days
            ? new(string.Create(CultureInfo.InvariantCulture, $"Expires in {days} day{(days == 1 ? string.Empty : "s")}"), string.Create(CultureInfo.InvariantCulture, $"{days} 天后过期"))
            : new("Expires soon", "即将过期"),
        ConnectionStatusCode.NotChecked => new("Not checked yet", "尚未检查"),
        ConnectionStatusCode.Connected => new("Connected", "已连接"),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    /// <summary>The fix of a working connection whose key has findings to look at: the first of them, and how many.</summary>
    internal static LocalizedText ConnectedWithFindings(int count, LocalizedText firstFix) => new(
        string.Create(CultureInfo.InvariantCulture, $"The connection works; its key has {count} finding{(count == 1 ? string.Empty : "s")} to look at. First: {firstFix.En}"),
        string.Create(CultureInfo.InvariantCulture, $"连接正常；此密钥有 {count} 项发现需要查看。首先：{firstFix.Zh}"));

    /// <summary>Which wallets the latest reading missed and why, and how to get each read.</summary>
    internal static (LocalizedText Explanation, LocalizedText Fix) Incomplete(Snapshot latest, ExchangeId exchange)
    {
        var missing = latest.Missing.ToList();
        var counted = WalletTexts.Counted(latest.WalletsRead, latest.WalletsExpected);
        var reasons = missing.Select(w => (Reason: WalletTexts.Reason(w, exchange), Kept: w.ValuesFrom is { } from ? WalletTexts.ValuesFrom(from) : null)).ToList();
        var fixes = missing.Select(w => WalletTexts.Fix(w, exchange)).Distinct().ToList();
        var explanation = new LocalizedText(
            $"Only {counted.En}; the value shown is at least what was read. " + string.Join(" ", reasons.Select(r => r.Reason.En + (r.Kept is { } kept ? " (" + kept.En + ")" : string.Empty))),
            $"{counted.Zh}；显示的价值至少为已读取的部分。" + string.Join(string.Empty, reasons.Select(r => r.Reason.Zh + (r.Kept is { } kept ? "（" + kept.Zh + "）" : string.Empty))));
        var fix = new LocalizedText(string.Join(" ", fixes.Select(f => f.En)), string.Join(string.Empty, fixes.Select(f => f.Zh)));
        return (explanation, fix);
    }

    internal static (LocalizedText Explanation, LocalizedText Fix) Describe(ConnectionStatusCode code, bool tradingRight, bool syncPaused) => code switch
    {
        ConnectionStatusCode.VaultLocked => (
            new("The vault is locked, so Keyfolio makes no call with this key; the balances shown are the last ones read.", "保险库已锁定，Keyfolio 不会使用此密钥发起请求；显示的是上次读取的余额。"),
            new("Unlock the vault with the master password.", "请用主密码解锁保险库。")),
        ConnectionStatusCode.KeyExpired => (
            new("The key has expired on the exchange.", "此密钥在交易所已过期。"),
            new("Create a new read-only key and replace this one.", "请新建只读密钥并替换此密钥。")),
        ConnectionStatusCode.WithdrawalEnabled => syncPaused
            ? (new("The key can now withdraw funds, which Keyfolio does not accept, so syncing is paused.", "此密钥现在可以提币，Keyfolio 不接受此类密钥，因此已暂停同步。"),
               new("Remove the withdrawal right on the exchange, then check the connection again.", "请在交易所取消提币权限，然后重新检查此连接。"))
            : (new("The key can withdraw funds; you chose to keep it. Keyfolio only reads.", "此密钥可以提币；您已选择保留它。Keyfolio 只读取数据。"),
               new("Remove the withdrawal right on the exchange, or replace the key with a read-only one.", "请在交易所取消提币权限，或换成只读密钥。")),
        ConnectionStatusCode.ExpiresSoon => tradingRight
            ? (new("The key's trading right lapses soon; reading balances keeps working.", "此密钥的交易权限即将失效；读取余额不受影响。"),
               new("Nothing to do for Keyfolio; bind the key to an IP address if you need the trading right.", "Keyfolio 无需处理；如需交易权限，请为密钥绑定 IP。"))
            : (new("The key expires soon; after that the exchange refuses it.", "此密钥即将过期；之后交易所将拒绝它。"),
               new("Create a new read-only key bound to this host's IP address and replace this one.", "请新建一个绑定本机 IP 的只读密钥并替换此密钥。")),
        ConnectionStatusCode.NotChecked => (
            new("The connection was imported and has not been verified on this machine yet.", "此连接为导入所得，尚未在本机验证。"),
            new("Check the connection to verify its key.", "请检查此连接以验证其密钥。")),
        _ => (
            new("The key works and the balances are current.", "密钥有效，余额为最新。"),
            new("Nothing to do.", "无需处理。")),
    };
}
