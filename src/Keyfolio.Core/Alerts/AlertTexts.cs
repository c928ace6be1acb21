using System.Globalization;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Alerts;

/// <summary>The message and fix of each alert in English and Chinese. They name the connection by its label and exchange,
/// never by its key, and hold no balance figure.</summary>
internal static class AlertTexts
{
    /// <summary>The alert's name, as a notification's title.</summary>
    public static LocalizedText Title(AlertType type) => type switch
    {
        AlertType.KeyFailing => new("Key failing", "密钥失效"),
        AlertType.KeyRecovered => new("Key works again", "密钥已恢复"),
        AlertType.KeyExpiring => new("Key expiring", "密钥即将过期"),
        AlertType.WithdrawRight => new("Key can withdraw", "密钥可以提币"),
        AlertType.TransferRight => new("Key can transfer", "密钥可以划转"),
        AlertType.TradeRight => new("Key can trade", "密钥可以交易"),
        AlertType.KeyUnused => new("Key unused", "密钥未使用"),
        AlertType.BalanceIncomplete => new("Balance reading incomplete", "余额读取不完整"),
        AlertType.BalanceStale => new("Balances not refreshed", "余额未刷新"),
        AlertType.AuditChainBroken => new("Audit log broken", "审计日志已断开"),
        AlertType.UnlockFailures => new("Unlock failures", "解锁失败"),
        AlertType.ValueDrop => new("Portfolio value dropped", "资产总值下跌"),
        AlertType.Test => new("Test alert", "测试提醒"),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static LocalizedText Subject(string label, string exchange) => new($"\"{label}\" ({exchange})", $"“{label}”（{exchange}）");

    public static LocalizedText Failing(LocalizedText subject, LocalizedText title, LocalizedText explanation) =>
        new($"{subject.En}: {title.En}. {explanation.En}", $"{subject.Zh}：{title.Zh}。{explanation.Zh}");

    public static LocalizedText Recovered(LocalizedText subject) =>
        new($"{subject.En} works again: the exchange accepts its key.", $"{subject.Zh}已恢复：交易所再次接受其密钥。");

    public static readonly LocalizedText NothingToDo = new("Nothing to do.", "无需处理。");

    public static readonly LocalizedText TestMessage = new(
        "This is a test alert from Keyfolio: this channel works.",
        "这是 Keyfolio 发送的测试提醒：此渠道可以正常使用。");

    public static LocalizedText Expiring(LocalizedText subject, DateTimeOffset at, DateTimeOffset now)
    {
        var left = at - now;
        var date = at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var days = Math.Max(1, (int)Math.Ceiling(left.TotalDays));
        var when = left <= TimeSpan.FromDays(1)
            ? new LocalizedText("within a day", "一天之内")
            : new LocalizedText(string.Create(CultureInfo.InvariantCulture, $"in {days} days"), string.Create(CultureInfo.InvariantCulture, $"{days} 天后"));
        return new($"The key of {subject.En} expires {when.En} ({date} UTC); after that the exchange refuses it.", $"{subject.Zh}的密钥将于{when.Zh}过期（UTC {date}）；之后交易所将拒绝它。");
    }

    public static readonly LocalizedText ExpiringFix = new(
        "Create a new read-only key before then, bound to this host's IP address, and replace this one in Keyfolio.",
        "请在此之前新建一个绑定本机 IP 的只读密钥，并在 Keyfolio 中替换此密钥。");

    public static LocalizedText Withdraw(LocalizedText subject) =>
        new($"The key of {subject.En} can withdraw funds: anyone who obtains it can move your money off the exchange.", $"{subject.Zh}的密钥可以提币：任何获得它的人都能把您的资产转出交易所。");

    public static LocalizedText Transfer(LocalizedText subject) =>
        new($"The key of {subject.En} can transfer funds between accounts, which Keyfolio never needs.", $"{subject.Zh}的密钥可以在账户之间划转资产，而 Keyfolio 从不需要此权限。");

    public static readonly LocalizedText TransferFix = new(
        "Edit the key on the exchange and turn the transfer right off, or replace it with a read-only key.",
        "请在交易所编辑此密钥并关闭划转权限，或换成只读密钥。");

    public static LocalizedText Trade(LocalizedText subject) =>
        new($"The key of {subject.En} can trade, but Keyfolio only reads balances.", $"{subject.Zh}的密钥可以交易，但 Keyfolio 只读取余额。");

    public static readonly LocalizedText TradeFix = new(
        "Edit the key on the exchange and turn trading off, or create a read-only key and replace this one.",
        "请在交易所编辑此密钥并关闭交易权限，或新建只读密钥并替换此密钥。");

    public static LocalizedText Unused(LocalizedText subject, TimeSpan after) =>
        new(string.Create(CultureInfo.InvariantCulture, $"The key of {subject.En} has not been used successfully for more than {(int)after.TotalDays} days."), string.Create(CultureInfo.InvariantCulture, $"{subject.Zh}的密钥已超过 {(int)after.TotalDays} 天没有成功使用。"));

    public static LocalizedText Stale(LocalizedText subject, TimeSpan age) =>
        new(
            string.Create(CultureInfo.InvariantCulture, $"The balances of {subject.En} were last read {Hours(age)} hours ago, so the values shown may be out of date."),
            string.Create(CultureInfo.InvariantCulture, $"{subject.Zh}的余额上次读取于 {Hours(age)} 小时前，显示的数值可能已过时。"));

    public static readonly LocalizedText StaleFix = new(
        "Keyfolio reads balances only while the vault is unlocked: unlock it, or open the connection to see why its refresh fails.",
        "Keyfolio 只在保险库解锁时读取余额：请解锁，或打开此连接查看刷新失败的原因。");

    private static int Hours(TimeSpan age) => (int)Math.Floor(age.TotalHours);

    public static readonly LocalizedText UnusedFix = new(
        "If you no longer need this connection, remove it and delete the key on the exchange; otherwise check why it fails.",
        "如不再需要此连接，请删除它并在交易所删除该密钥；否则请检查失败原因。");

    public static LocalizedText Incomplete(LocalizedText subject, LocalizedText explanation) =>
        new($"The latest balance reading of {subject.En} is incomplete. {explanation.En}", $"{subject.Zh}最近一次余额读取不完整。{explanation.Zh}");

    public static readonly LocalizedText AuditBroken = new(
        "The audit log's chain is broken: an entry was edited, deleted or reordered, or its key file cannot be read. Every call with a key is refused until it is resealed.",
        "审计日志的链条已断开：有条目被修改、删除或重排，或其密钥文件无法读取。在重新封存之前，所有使用密钥的调用都将被拒绝。");

    public static readonly LocalizedText AuditBrokenFix = new(
        "Open Activity in Keyfolio to see where the chain breaks, restore a backup if the data was tampered with, then reseal the log.",
        "请在 Keyfolio 的“活动”页面查看链条断开之处；如数据被篡改，请恢复备份，然后重新封存日志。");

    public static LocalizedText UnlockFailures(int count) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Unlocking the vault failed {count} times since the last successful unlock."), string.Create(CultureInfo.InvariantCulture, $"自上次成功解锁以来，保险库解锁已失败 {count} 次。"));

    public static readonly LocalizedText UnlockFailuresFix = new(
        "If it was not you, someone is guessing the master password: keep Keyfolio on loopback or behind a TLS proxy with its own login, and choose a longer password.",
        "如果不是您本人，说明有人在猜测主密码：请让 Keyfolio 只监听本机，或置于带独立登录的 TLS 代理之后，并使用更长的密码。");

    /// <summary>
    /// The portfolio fell by <paramref name="percent"/> between two readings, with the connections that fell most; the
    /// values before and after only when the person chose figures in alerts.
    /// </summary>
    public static LocalizedText ValueDrop(decimal percent, IReadOnlyList<(LocalizedText Subject, decimal Percent)> most, (decimal Before, decimal After)? figures)
    {
        static string Percent(decimal value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "%";
        static string Usd(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);
        var amounts = figures is { } f
            ? new LocalizedText($", from {Usd(f.Before)} to {Usd(f.After)} USD", $"，从 {Usd(f.Before)} 美元降至 {Usd(f.After)} 美元")
            : new LocalizedText(string.Empty, string.Empty);
        var where = most.Count == 0
            ? new LocalizedText(string.Empty, string.Empty)
            : new LocalizedText(
                " Fell most: " + string.Join(", ", most.Select(m => $"{m.Subject.En} −{Percent(m.Percent)}")) + ".",
                "跌幅最大：" + string.Join("、", most.Select(m => $"{m.Subject.Zh} −{Percent(m.Percent)}")) + "。");
        return new(
            $"The portfolio's value fell by {Percent(percent)} between the last two readings{amounts.En}.{where.En}",
            $"资产总值在最近两次读取之间下跌了 {Percent(percent)}{amounts.Zh}。{where.Zh}");
    }

    public static readonly LocalizedText ValueDropFix = new(
        "Check the exchange's own history for what moved: a trade, a withdrawal, a transfer to a wallet Keyfolio does not read, or falling prices. A withdrawal you did not make means the account is compromised: disable its keys on the exchange at once.",
        "请在交易所的记录中查看变动原因：交易、提币、划转到 Keyfolio 未读取的钱包，或价格下跌。如有非本人操作的提币，说明账户已被盗用：请立即在交易所停用其密钥。");
}
