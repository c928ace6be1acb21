using System.Globalization;
using Keyfolio.Core.Portfolio;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Health;

/// <summary>
/// The key-hygiene rules: each looks at one fact about a key and, when it applies, gives a finding with a severity
/// and a fix. Pure, so every rule is tested on its own.
/// </summary>
public static class KeyHealthRules
{
    /// <summary>Expiry warnings start this far ahead and turn critical at the nearer thresholds.</summary>
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(14);

    public static readonly TimeSpan ExpiryCritical = TimeSpan.FromDays(3);

    public static readonly TimeSpan ExpiryImminent = TimeSpan.FromDays(1);

    public static readonly TimeSpan RotationPeriod = TimeSpan.FromDays(90);

    public static readonly TimeSpan UnusedPeriod = TimeSpan.FromDays(30);

    public static IReadOnlyList<Finding> Evaluate(KeyHealthInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var findings = new List<Finding>();
        AddIfAny(findings, CanWithdraw(input));
        AddIfAny(findings, CanTrade(input));
        AddIfAny(findings, NoIpWhitelist(input));
        AddIfAny(findings, WhitelistExcludesHost(input));
        AddIfAny(findings, Expiry(input));
        AddIfAny(findings, DeletedWhenIdle(input));
        AddIfAny(findings, RotationDue(input));
        AddIfAny(findings, Unused(input));
        AddIfAny(findings, SharedKey(input));
        findings.AddRange(WalletsNotPermitted(input));
        return [.. findings.OrderByDescending(f => f.Severity)];
    }

    public static Finding? CanWithdraw(KeyHealthInput input) =>
        input.Facts?.CanWithdraw == true
            ? new Finding(
                FindingKind.CanWithdraw,
                FindingSeverity.Critical,
                new("This key can withdraw funds: anyone who obtains it can move your money off the exchange.", "此密钥可以提币：任何获得它的人都能把您的资产转出交易所。"),
                WithdrawalGuidance.For(input.Exchange))
            : null;

    public static Finding? CanTrade(KeyHealthInput input) =>
        input.Facts?.CanTrade == true
            ? new Finding(
                FindingKind.CanTrade,
                FindingSeverity.Warning,
                new("This key can trade, but Keyfolio only reads balances.", "此密钥可以交易，但 Keyfolio 只读取余额。"),
                new("Edit the key on the exchange and turn trading off, or create a read-only key and replace this one.", "请在交易所编辑此密钥并关闭交易权限，或新建只读密钥并替换此密钥。"))
            : null;

    public static Finding? NoIpWhitelist(KeyHealthInput input)
    {
        if (input.Facts is not { } facts || !ExchangeCatalog.Get(input.Exchange).OffersIpWhitelist)
        {
            return null;
        }

        var unrestricted = facts.IpWhitelist is { Count: 0 } && facts.IpRestricted != true || facts.IpRestricted == false;
        return unrestricted
            ? new Finding(
                FindingKind.NoIpWhitelist,
                FindingSeverity.Warning,
                new("The key is not restricted to IP addresses: it works from anywhere if it leaks.", "此密钥未绑定 IP：一旦泄露，可在任何地方使用。"),
                new(
                    "Restrict the key to this host's public IP address" + (input.EgressIp is { } ip ? $" ({ip})" : string.Empty) + " on the exchange's API-management page.",
                    "请在交易所的 API 管理页面把此密钥绑定到本机的公网 IP" + (input.EgressIp is { } ipZh ? $"（{ipZh}）" : string.Empty) + "。"))
            : null;
    }

    public static Finding? WhitelistExcludesHost(KeyHealthInput input) =>
        input.Facts?.IpWhitelist is { Count: > 0 } whitelist && input.EgressIp is { } egress && !IpWhitelist.Contains(whitelist, egress)
            ? new Finding(
                FindingKind.WhitelistExcludesHost,
                FindingSeverity.Critical,
                new($"The key's IP whitelist ({string.Join(", ", whitelist)}) does not contain this host's address {egress}: the exchange will refuse it.", $"此密钥的 IP 白名单（{string.Join("、", whitelist)}）不包含本机地址 {egress}：交易所将拒绝请求。"),
                new($"Add {egress} to the key's IP whitelist on the exchange.", $"请在交易所把 {egress} 加入此密钥的 IP 白名单。"))
            : null;

    public static Finding? Expiry(KeyHealthInput input)
    {
        if (input.Facts?.Expiry is not { } expiry || expiry.Kind == KeyExpiryKind.Inactivity)
        {
            return null;
        }

        var tradingRight = expiry.Kind == KeyExpiryKind.TradingRight;
        var what = tradingRight ? new LocalizedText("The key's trading right", "此密钥的交易权限") : new LocalizedText("The key", "此密钥");
        if (expiry.Kind == KeyExpiryKind.Expired || expiry.At <= input.Now)
        {
            return new Finding(
                FindingKind.Expired,
                tradingRight ? FindingSeverity.Warning : FindingSeverity.Critical,
                new($"{what.En} has expired. {expiry.Rule.En}", $"{what.Zh}已过期。{expiry.Rule.Zh}"),
                tradingRight
                    ? new("Nothing to do for Keyfolio, which only reads; bind the key to an IP address to keep the right.", "Keyfolio 只读取数据，无需处理；如需保留该权限，请为密钥绑定 IP。")
                    : new("Create a new read-only key, bound to this host's IP address so it does not expire, and replace this one.", "请新建一个绑定本机 IP 的只读密钥（绑定后不会过期），并替换此密钥。"))
            { At = expiry.At };
        }

        if (expiry.At is not { } at || at - input.Now > ExpiryWarning)
        {
            return null;
        }

        var left = at - input.Now;
        var days = (int)Math.Ceiling(left.TotalDays);
        var severity = left <= ExpiryCritical ? FindingSeverity.Critical : FindingSeverity.Warning;
        if (tradingRight)
        {
            severity = FindingSeverity.Warning;
        }

        var when = left <= ExpiryImminent ? new LocalizedText("within a day", "一天之内") : new LocalizedText(string.Create(CultureInfo.InvariantCulture, $"in {days} days"), string.Create(CultureInfo.InvariantCulture, $"{days} 天后"));
        return new Finding(
            FindingKind.ExpiresSoon,
            severity,
            new($"{what.En} expires {when.En} ({at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC). {expiry.Rule.En}", $"{what.Zh}将于{when.Zh}过期（UTC {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}）。{expiry.Rule.Zh}"),
            tradingRight
                ? new("Keyfolio only reads, so it keeps working; bind the key to an IP address if you need the right.", "Keyfolio 只读取数据，不受影响；如需该权限，请为密钥绑定 IP。")
                : new("Create a new read-only key before then, bound to this host's IP address, and replace this one.", "请在此之前新建一个绑定本机 IP 的只读密钥，并替换此密钥。"))
        { At = at };
    }

    public static Finding? DeletedWhenIdle(KeyHealthInput input)
    {
        if (ExchangeCatalog.Get(input.Exchange).IdleKeyDeletion is not { } rule || input.Environment == ExchangeEnvironment.Demo || input.Facts is not { } facts)
        {
            return null;
        }

        var noIp = facts.IpWhitelist is { Count: 0 } || facts.Expiry?.Kind == KeyExpiryKind.Inactivity;
        return noIp && (facts.CanTrade || facts.CanWithdraw)
            ? new Finding(
                FindingKind.DeletedWhenIdle,
                FindingSeverity.Warning,
                rule.Rule,
                rule.Fix)
            : null;
    }

    public static Finding? RotationDue(KeyHealthInput input) =>
        input.Facts?.CreatedAt is { } created && input.Now - created > RotationPeriod
            ? new Finding(
                FindingKind.RotationDue,
                FindingSeverity.Info,
                new(string.Create(CultureInfo.InvariantCulture, $"The key is {(int)(input.Now - created).TotalDays} days old; keys are best replaced every 90 days."), string.Create(CultureInfo.InvariantCulture, $"此密钥已使用 {(int)(input.Now - created).TotalDays} 天；建议每 90 天更换一次密钥。")),
                new("Create a new read-only key, replace this one in Keyfolio, then delete the old key on the exchange.", "请新建只读密钥并在 Keyfolio 中替换此密钥，然后在交易所删除旧密钥。"))
            : null;

    public static Finding? Unused(KeyHealthInput input)
    {
        var ourLastUse = input.LastSuccessAt ?? input.ConnectedAt;
        var idleHere = ourLastUse is { } used && input.Now - used > UnusedPeriod;
        var idleThere = input.Facts?.LastAccessAt is { } access && input.Now - access > UnusedPeriod;
        return idleHere || idleThere
            ? new Finding(
                FindingKind.Unused,
                FindingSeverity.Warning,
                new("The key has not been used successfully for more than 30 days.", "此密钥已超过 30 天没有成功使用。"),
                new("If you no longer need this connection, remove it and delete the key on the exchange; otherwise check why it fails.", "如不再需要此连接，请删除它并在交易所删除该密钥；否则请检查失败原因。"))
            : null;
    }

    public static Finding? SharedKey(KeyHealthInput input) =>
        input.SharedWith.Count > 0
            ? new Finding(
                FindingKind.SharedKey,
                FindingSeverity.Warning,
                new($"The same API key is also used by: {string.Join(", ", input.SharedWith)}.", $"同一个 API Key 也被以下连接使用：{string.Join("、", input.SharedWith)}。"),
                new("Keep one connection per key: remove the duplicate, or create a separate key for each.", "每个密钥只保留一个连接：删除重复的连接，或为每个连接单独创建密钥。"))
            : null;

    /// <summary>One finding per wallet the key may not read, with the right to enable in the exchange's words.</summary>
    public static IEnumerable<Finding> WalletsNotPermitted(KeyHealthInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Wallets
            .Where(w => w.Outcome == WalletOutcome.NotPermitted)
            .Select(w => new Finding(FindingKind.WalletNotPermitted, FindingSeverity.Warning, WalletTexts.Reason(w, input.Exchange), WalletTexts.Fix(w, input.Exchange)) { Wallet = w.Wallet });
    }

    private static void AddIfAny(List<Finding> findings, Finding? finding)
    {
        if (finding is not null)
        {
            findings.Add(finding);
        }
    }
}
