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
                Texts.Of("ThisKeyCanWithdrawFunds2"),
                WithdrawalGuidance.For(input.Exchange))
            : null;

    public static Finding? CanTrade(KeyHealthInput input) =>
        input.Facts?.CanTrade == true
            ? new Finding(
                FindingKind.CanTrade,
                FindingSeverity.Warning,
                Texts.Of("ThisKeyCanTradeBut"),
                Texts.Of("EditTheKeyOnThe2"))
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
                Texts.Of("TheKeyIsNotRestricted"),
                Texts.Of("RestrictTheKeyToThis", input.EgressIp is { } ip ? Texts.Of("InBrackets", ip) : LocalizedText.Same(string.Empty)))
            : null;
    }

    public static Finding? WhitelistExcludesHost(KeyHealthInput input) =>
        input.Facts?.IpWhitelist is { Count: > 0 } whitelist && input.EgressIp is { } egress && !IpWhitelist.Contains(whitelist, egress)
            ? new Finding(
                FindingKind.WhitelistExcludesHost,
                FindingSeverity.Critical,
                Texts.Of("TheKeysIPWhitelistDoes", LocalizedText.List(whitelist), egress),
                Texts.Of("AddToTheKeysIP2", egress))
            : null;

    public static Finding? Expiry(KeyHealthInput input)
    {
        if (input.Facts?.Expiry is not { } expiry || expiry.Kind == KeyExpiryKind.Inactivity)
        {
            return null;
        }

        var tradingRight = expiry.Kind == KeyExpiryKind.TradingRight;
        var what = tradingRight ? Texts.Of("TheKeysTradingRight") : Texts.Of("TheKey");
        if (expiry.Kind == KeyExpiryKind.Expired || expiry.At <= input.Now)
        {
            return new Finding(
                FindingKind.Expired,
                tradingRight ? FindingSeverity.Warning : FindingSeverity.Critical,
                Texts.Of("HasExpired", what, expiry.Rule),
                tradingRight
                    ? Texts.Of("NothingToDoForKeyfolio")
                    : Texts.Of("CreateANewReadOnly2"))
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

        var when = left <= ExpiryImminent ? Texts.Of("WithinADay") : Texts.Of("InDays", days);
        return new Finding(
            FindingKind.ExpiresSoon,
            severity,
            Texts.Of("ExpiresUTC", what, when, at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), expiry.Rule),
            tradingRight
                ? Texts.Of("KeyfolioOnlyReadsSoIt")
                : Texts.Of("CreateANewReadOnly3"))
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
                Texts.Of("TheKeyIsDaysOld", (int)(input.Now - created).TotalDays),
                Texts.Of("CreateANewReadOnly4"))
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
                Texts.Of("TheKeyHasNotBeen"),
                Texts.Of("IfYouNoLongerNeed"))
            : null;
    }

    public static Finding? SharedKey(KeyHealthInput input) =>
        input.SharedWith.Count > 0
            ? new Finding(
                FindingKind.SharedKey,
                FindingSeverity.Warning,
                Texts.Of("TheSameAPIKeyIs", LocalizedText.List(input.SharedWith)),
                Texts.Of("KeepOneConnectionPerKey"))
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
