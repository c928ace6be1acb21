using System.Globalization;
using Keyfolio.Core.Health;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Tests.Health;

public sealed class KeyHealthRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static KeyFacts Facts(
        PermissionState withdraw = PermissionState.Absent,
        PermissionState trade = PermissionState.Absent,
        IReadOnlyList<string>? whitelist = null,
        KeyExpiry? expiry = null,
        DateTimeOffset? created = null,
        DateTimeOffset? lastAccess = null) => new()
        {
            Permissions = new Dictionary<KeyPermission, PermissionState>
            {
                [KeyPermission.Read] = PermissionState.Granted,
                [KeyPermission.Withdraw] = withdraw,
                [KeyPermission.SpotTrade] = trade,
            },
            IpWhitelist = whitelist,
            Expiry = expiry,
            CreatedAt = created,
            LastAccessAt = lastAccess,
        };

    private static KeyHealthInput Input(KeyFacts? facts, ExchangeId exchange = ExchangeId.Binance) => new() { Exchange = exchange, Facts = facts, Now = Now, ConnectedAt = Now };

    private static KeyExpiry ExpiresIn(TimeSpan span, KeyExpiryKind kind = KeyExpiryKind.Key) => new(kind, Now + span, LocalizedText.Same("rule"));

    [Fact]
    public void A_key_that_can_withdraw_is_critical_and_says_how_to_remove_the_right()
    {
        var finding = KeyHealthRules.CanWithdraw(Input(Facts(withdraw: PermissionState.Granted)));

        Assert.Equal(FindingSeverity.Critical, finding!.Severity);
        Assert.Contains("Enable Withdrawals", finding.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Null(KeyHealthRules.CanWithdraw(Input(Facts(withdraw: PermissionState.Unknown))));
    }

    [Fact]
    public void A_key_that_can_trade_is_a_warning()
    {
        Assert.Equal(FindingSeverity.Warning, KeyHealthRules.CanTrade(Input(Facts(trade: PermissionState.Granted)))!.Severity);
        Assert.Null(KeyHealthRules.CanTrade(Input(Facts())));
    }

    [Theory]
    [InlineData(ExchangeId.Binance, true)]
    [InlineData(ExchangeId.Gate, true)]
    [InlineData(ExchangeId.HitBtc, false)]
    [InlineData(ExchangeId.Bittrex, false)]
    [InlineData(ExchangeId.Kraken, true)]
    [InlineData(ExchangeId.Bybit, true)]
    [InlineData(ExchangeId.Kucoin, true)]
    [InlineData(ExchangeId.Coinbase, true)]
    public void No_IP_whitelist_is_a_warning_only_where_the_exchange_offers_one(ExchangeId exchange, bool expected)
    {
        var finding = KeyHealthRules.NoIpWhitelist(Input(Facts(whitelist: []), exchange));

        Assert.Equal(expected, finding is { Severity: FindingSeverity.Warning });
        Assert.Null(KeyHealthRules.NoIpWhitelist(Input(Facts(whitelist: null), exchange)));
        Assert.Null(KeyHealthRules.NoIpWhitelist(Input(Facts(whitelist: ["127.0.0.1"]), exchange)));
    }

    [Fact]
    public void A_whitelist_without_this_hosts_address_is_critical_and_ranges_count()
    {
        var outside = KeyHealthRules.WhitelistExcludesHost(Input(Facts(whitelist: ["203.0.113.7"])) with { EgressIp = "198.51.100.4" });
        var inRange = KeyHealthRules.WhitelistExcludesHost(Input(Facts(whitelist: ["198.51.100.0/24"])) with { EgressIp = "198.51.100.4" });
        var unknownHost = KeyHealthRules.WhitelistExcludesHost(Input(Facts(whitelist: ["203.0.113.7"])));

        Assert.Equal(FindingSeverity.Critical, outside!.Severity);
        Assert.Contains("198.51.100.4", outside.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Null(inRange);
        Assert.Null(unknownHost);
        Assert.Null(KeyHealthRules.WhitelistExcludesHost(Input(Facts(whitelist: ["198.**.4"])) with { EgressIp = "198.51.100.4" }));
        Assert.Equal(FindingSeverity.Critical, KeyHealthRules.WhitelistExcludesHost(Input(Facts(whitelist: ["198.**.5", "203.**.4"])) with { EgressIp = "198.51.100.4" })!.Severity);
    }

    [Theory]
    [InlineData(20, null)]
    [InlineData(14, FindingSeverity.Warning)]
    [InlineData(4, FindingSeverity.Warning)]
    [InlineData(3, FindingSeverity.Critical)]
    [InlineData(1, FindingSeverity.Critical)]
    public void Expiry_warns_from_14_days_and_turns_critical_at_3_and_1(int days, FindingSeverity? expected)
    {
        var finding = KeyHealthRules.Expiry(Input(Facts(expiry: ExpiresIn(TimeSpan.FromDays(days)))));

        Assert.Equal(expected, finding?.Severity);
        if (finding is not null)
        {
            Assert.Equal(FindingKind.ExpiresSoon, finding.Kind);
        }
    }

    [Fact]
    public void An_expired_key_is_critical_and_a_lapsing_trading_right_only_a_warning()
    {
        var expired = KeyHealthRules.Expiry(Input(Facts(expiry: new KeyExpiry(KeyExpiryKind.Expired, null, LocalizedText.Same("r")))));
        var lapsing = KeyHealthRules.Expiry(Input(Facts(expiry: ExpiresIn(TimeSpan.FromDays(2), KeyExpiryKind.TradingRight))));

        Assert.Equal((FindingKind.Expired, FindingSeverity.Critical), (expired!.Kind, expired.Severity));
        Assert.Equal((FindingKind.ExpiresSoon, FindingSeverity.Warning), (lapsing!.Kind, lapsing.Severity));
    }

    [Fact]
    public void A_key_older_than_90_days_is_due_for_rotation()
    {
        Assert.Equal(FindingKind.RotationDue, KeyHealthRules.RotationDue(Input(Facts(created: Now.AddDays(-91))))!.Kind);
        Assert.Null(KeyHealthRules.RotationDue(Input(Facts(created: Now.AddDays(-89)))));
    }

    [Fact]
    public void A_key_unused_for_30_days_here_or_on_the_exchange_is_reported()
    {
        var idleHere = Input(Facts()) with { LastSuccessAt = Now.AddDays(-31) };
        var idleThere = Input(Facts(lastAccess: Now.AddDays(-40))) with { LastSuccessAt = Now };
        var used = Input(Facts(lastAccess: Now.AddDays(-1))) with { LastSuccessAt = Now.AddDays(-2) };

        Assert.NotNull(KeyHealthRules.Unused(idleHere));
        Assert.NotNull(KeyHealthRules.Unused(idleThere));
        Assert.Null(KeyHealthRules.Unused(used));
    }

    [Fact]
    public void The_same_key_in_two_connections_is_reported_with_the_other_labels()
    {
        var finding = KeyHealthRules.SharedKey(Input(Facts()) with { SharedWith = ["Binance sub"] });

        Assert.Contains("Binance sub", finding!.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Null(KeyHealthRules.SharedKey(Input(Facts())));
    }

    [Fact]
    public void An_OKX_trade_key_without_an_IP_is_deleted_after_14_idle_days_but_not_a_demo_key()
    {
        var live = Input(Facts(trade: PermissionState.Granted, whitelist: []), ExchangeId.Okx);

        Assert.Equal(FindingKind.DeletedWhenIdle, KeyHealthRules.DeletedWhenIdle(live)!.Kind);
        Assert.Null(KeyHealthRules.DeletedWhenIdle(live with { Environment = ExchangeEnvironment.Demo }));
        Assert.Null(KeyHealthRules.DeletedWhenIdle(Input(Facts(trade: PermissionState.Granted, whitelist: ["127.0.0.1"]), ExchangeId.Okx)));
        Assert.Null(KeyHealthRules.DeletedWhenIdle(Input(Facts(trade: PermissionState.Granted, whitelist: []), ExchangeId.Binance)));
    }

    [Fact]
    public void Evaluate_lists_the_most_severe_findings_first()
    {
        var findings = KeyHealthRules.Evaluate(Input(Facts(withdraw: PermissionState.Granted, trade: PermissionState.Granted, whitelist: [], created: Now.AddDays(-100))));

        Assert.Equal(FindingKind.CanWithdraw, findings[0].Kind);
        Assert.Equal(FindingSeverity.Info, findings[^1].Severity);
        Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Fix.For(CultureInfo.GetCultureInfo("zh-Hans")))));
    }

    [Fact]
    public void A_wallet_the_key_may_not_read_is_a_finding_with_the_right_to_enable_and_a_failed_one_is_not()
    {
        var input = Input(Facts()) with
        {
            Wallets =
            [
                new(WalletKind.Spot, null),
                new(WalletKind.Futures, DiagnosisCategory.MissingPermission) { Right = "Enable Futures" },
                new(WalletKind.Earn, DiagnosisCategory.ExchangeUnavailable),
            ],
        };

        var finding = Assert.Single(KeyHealthRules.Evaluate(input), f => f.Kind == FindingKind.WalletNotPermitted);

        Assert.Equal((FindingSeverity.Warning, WalletKind.Futures), (finding.Severity, finding.Wallet));
        Assert.Contains("cannot read your futures wallet", finding.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("enable “Enable Futures”", finding.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("“Enable Futures”", finding.Fix.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.Empty(KeyHealthRules.WalletsNotPermitted(Input(Facts())));
    }
}
