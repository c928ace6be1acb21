using System.Globalization;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Portfolio;

/// <summary>
/// Wallets in the user's language (the web UI's <c>Wallet.*</c> texts say the same), and why a wallet was not read
/// with its fix, naming the exchange's right in the exchange's own words.
/// </summary>
public static class WalletTexts
{
    public static LocalizedText Name(WalletKind wallet) => wallet switch
    {
        WalletKind.Spot => new("spot", "现货"),
        WalletKind.Funding => new("funding", "资金"),
        WalletKind.Trading => new("trading", "交易"),
        WalletKind.Margin => new("margin", "杠杆"),
        WalletKind.Futures => new("futures", "合约"),
        WalletKind.Earn => new("earn", "理财"),
        WalletKind.Staking => new("staking", "质押"),
        WalletKind.Options => new("options", "期权"),
        _ => throw new ArgumentOutOfRangeException(nameof(wallet), wallet, null),
    };

    /// <summary>The wallet's name, with the exchange's own name of it when that differs: <c>funding (“wallet”)</c>.</summary>
    public static LocalizedText Named(WalletStatus wallet)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        var name = Name(wallet.Wallet);
        return wallet.AccountName is { } account && !string.Equals(account, name.En, StringComparison.OrdinalIgnoreCase)
            ? new($"{name.En} (“{account}”)", $"{name.Zh}（“{account}”）")
            : name;
    }

    /// <summary>The outcome's short name: <c>not permitted</c>, <c>failed</c>.</summary>
    public static LocalizedText Outcome(WalletOutcome outcome) => outcome switch
    {
        WalletOutcome.Read => new("read", "已读取"),
        WalletOutcome.NotPermitted => new("not permitted for this key", "此密钥无权读取"),
        WalletOutcome.NotOpened => new("not opened on this account", "此账户未开通"),
        WalletOutcome.Failed => new("failed", "读取失败"),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>"2 of 6 wallets read".</summary>
    public static LocalizedText Counted(int read, int expected) => new(
        string.Create(CultureInfo.InvariantCulture, $"{read} of {expected} wallet{(expected == 1 ? string.Empty : "s")} read"),
        string.Create(CultureInfo.InvariantCulture, $"已读取 {expected} 个钱包中的 {read} 个"));

    /// <summary>Why a wallet was not read: the right the key lacks, or the exchange's failure.</summary>
    public static LocalizedText Reason(WalletStatus wallet, ExchangeId exchange)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        var kind = Name(wallet.Wallet);
        var exchangeName = ExchangeCatalog.Get(exchange).DisplayName;
        var own = wallet.AccountName is { } account && !string.Equals(account, kind.En, StringComparison.OrdinalIgnoreCase)
            ? new LocalizedText($" ({exchangeName} “{account}”)", $"（{exchangeName}“{account}”）")
            : new LocalizedText(string.Empty, string.Empty);
        var name = wallet.SubAccount is { } sub
            ? new LocalizedText($"{kind.En} wallet of sub-account “{sub}”", $"子账户“{sub}”的{kind.Zh}钱包")
            : new LocalizedText(kind.En + " wallet" + own.En, kind.Zh + "钱包" + own.Zh);
        return wallet.Outcome switch
        {
            WalletOutcome.NotPermitted when wallet.SubAccount is not null => new(
                $"This key cannot read your {name.En}: {exchangeName} refuses it, as it does when the sub-account is no longer the master account's or the key is not the master account's." + Detail(wallet.Diagnosis, zh: false),
                $"此密钥无法读取您的{name.Zh}：{exchangeName}拒绝了该请求；子账户已不属于主账户，或密钥不是主账户的密钥时即会如此。" + Detail(wallet.Diagnosis, zh: true)),
            WalletOutcome.NotPermitted when wallet.Right is { } right => new(
                $"This key cannot read your {name.En}: it lacks {exchangeName}'s “{right}” right.",
                $"此密钥无法读取您的{name.Zh}：它缺少{exchangeName}的“{right}”权限。"),
            WalletOutcome.NotPermitted => new(
                $"This key cannot read your {name.En}: {exchangeName} refuses it the right." + Detail(wallet.Diagnosis, zh: false),
                $"此密钥无法读取您的{name.Zh}：{exchangeName}拒绝了该权限。" + Detail(wallet.Diagnosis, zh: true)),
            WalletOutcome.Failed => new(
                $"Your {name.En} could not be read." + Detail(wallet.Diagnosis, zh: false),
                $"您的{name.Zh}读取失败。" + Detail(wallet.Diagnosis, zh: true)),
            WalletOutcome.NotOpened => new($"Your {name.En} is not opened on this account.", $"此账户未开通{name.Zh}。"),
            _ => new($"Your {name.En} was read.", $"您的{name.Zh}已读取。"),
        };
    }

    /// <summary>How to get the wallet read.</summary>
    public static LocalizedText Fix(WalletStatus wallet, ExchangeId exchange)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        var exchangeName = ExchangeCatalog.Get(exchange).DisplayName;
        return wallet.Outcome switch
        {
            WalletOutcome.NotPermitted when wallet.SubAccount is { } sub => new(
                $"Check on {exchangeName} that “{sub}” is still a sub-account of this master account and that the key is the master account's; or leave the sub-account out on the connection's page.",
                $"请在{exchangeName}确认“{sub}”仍是此主账户的子账户，且该密钥属于主账户；或在连接页面中不再包含该子账户。"),
            WalletOutcome.NotPermitted when wallet.Right is { } right => new(
                $"On {exchangeName}'s API-management page, edit the key and enable “{right}”, then refresh the connection.",
                $"请在{exchangeName}的 API 管理页面编辑该密钥，开启“{right}”，然后刷新此连接。"),
            WalletOutcome.NotPermitted => wallet.Diagnosis?.Fix ?? new(
                $"On {exchangeName}'s API-management page, give the key the right to read this wallet, then refresh the connection.",
                $"请在{exchangeName}的 API 管理页面为该密钥开启读取此钱包的权限，然后刷新此连接。"),
            WalletOutcome.Failed => wallet.Diagnosis?.Fix ?? new("Refresh the connection later; the other wallets are shown meanwhile.", "请稍后刷新此连接；其他钱包照常显示。"),
            _ => new("Nothing to do.", "无需处理。"),
        };
    }

    /// <summary>When the values kept for a failed wallet were read: <c>values from 2026-06-01 12:00 UTC</c>.</summary>
    public static LocalizedText ValuesFrom(DateTimeOffset at)
    {
        var time = at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return new($"last values from {time} UTC, stale", $"沿用 UTC {time} 的数值（过期数据）");
    }

    private static string Detail(Diagnosis? diagnosis, bool zh) =>
        diagnosis is null
            ? string.Empty
            : " " + (zh ? diagnosis.Explanation.Zh : diagnosis.Explanation.En)
              + (diagnosis.ExchangeWords is { } words ? $" ({words})" : string.Empty);
}
