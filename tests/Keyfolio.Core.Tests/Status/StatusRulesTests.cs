using System.Globalization;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Status;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Tests.Status;

public sealed class StatusRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static Connection Checked(Diagnosis? diagnosis = null, KeyFacts? facts = null, bool withdrawalAllowed = false) => new()
    {
        Id = "conn-1",
        Label = "main",
        Exchange = ExchangeId.Binance,
        ApiKeyLastFour = "abcd",
        KeyFingerprint = "0011223344556677",
        CreatedAt = Now.AddDays(-1),
        LastCheckedAt = Now.AddMinutes(-1),
        LastCheckDiagnosis = diagnosis,
        Facts = facts,
        WithdrawalAllowed = withdrawalAllowed,
    };

    private static Diagnosis Refusal(DiagnosisCategory category, DateTimeOffset? retryAt = null) => new()
    {
        Category = category,
        Exchange = ExchangeId.Binance,
        RetryAt = retryAt,
        Explanation = LocalizedText.Same("why"),
        Fix = LocalizedText.Same("fix"),
    };

    private static KeyFacts Facts(bool withdraw = false, KeyExpiry? expiry = null) => new()
    {
        Permissions = new Dictionary<KeyPermission, PermissionState> { [KeyPermission.Withdraw] = withdraw ? PermissionState.Granted : PermissionState.Absent },
        Expiry = expiry,
    };

    private static ConnectionStatusCode Evaluate(Connection connection, bool locked = false) =>
        StatusRules.Evaluate(new StatusInput(connection, Now) { VaultLocked = locked }).Code;

    [Fact]
    public void The_codes_are_declared_in_the_documented_order_of_precedence()
    {
        string[] documented =
        [
            "VaultLocked", "ExchangeClosed", "InvalidKey", "WrongPassphrase", "BadSignature", "IpNotAllowed", "RegionBlocked", "WrongEnvironment",
            "ClockSkew", "KeyExpired", "WithdrawalEnabled", "MissingPermission", "RateLimited", "ExchangeUnavailable", "Incomplete", "ExpiresSoon", "NotChecked",
            "Connected",
        ];

        Assert.Equal(documented, Enum.GetNames<ConnectionStatusCode>());
    }

    [Fact]
    public void A_locked_vault_wins_over_everything()
    {
        Assert.Equal(ConnectionStatusCode.VaultLocked, Evaluate(Checked(Refusal(DiagnosisCategory.InvalidKey), Facts(withdraw: true)), locked: true));
    }

    [Theory]
    [InlineData(DiagnosisCategory.ExchangeClosed, ConnectionStatusCode.ExchangeClosed)]
    [InlineData(DiagnosisCategory.InvalidKey, ConnectionStatusCode.InvalidKey)]
    [InlineData(DiagnosisCategory.WrongPassphrase, ConnectionStatusCode.WrongPassphrase)]
    [InlineData(DiagnosisCategory.BadSignature, ConnectionStatusCode.BadSignature)]
    [InlineData(DiagnosisCategory.NonceUsedElsewhere, ConnectionStatusCode.BadSignature)]
    [InlineData(DiagnosisCategory.IpNotAllowed, ConnectionStatusCode.IpNotAllowed)]
    [InlineData(DiagnosisCategory.RegionBlocked, ConnectionStatusCode.RegionBlocked)]
    [InlineData(DiagnosisCategory.WrongEnvironment, ConnectionStatusCode.WrongEnvironment)]
    [InlineData(DiagnosisCategory.ClockSkew, ConnectionStatusCode.ClockSkew)]
    [InlineData(DiagnosisCategory.KeyExpired, ConnectionStatusCode.KeyExpired)]
    [InlineData(DiagnosisCategory.ExchangeUnavailable, ConnectionStatusCode.ExchangeUnavailable)]
    public void A_refusal_sets_its_status_above_a_withdrawal_right_only_when_it_ranks_higher(DiagnosisCategory category, ConnectionStatusCode expected)
    {
        var withWithdraw = Evaluate(Checked(Refusal(category), Facts(withdraw: true)));

        Assert.Equal(expected, Evaluate(Checked(Refusal(category))));
        Assert.Equal(expected < ConnectionStatusCode.WithdrawalEnabled ? expected : ConnectionStatusCode.WithdrawalEnabled, withWithdraw);
    }

    [Fact]
    public void A_withdrawal_right_ranks_above_a_missing_permission_and_pauses_sync_without_consent()
    {
        var withoutConsent = StatusRules.Evaluate(new StatusInput(Checked(Refusal(DiagnosisCategory.MissingPermission), Facts(withdraw: true)), Now));
        var withConsent = StatusRules.Evaluate(new StatusInput(Checked(null, Facts(withdraw: true), withdrawalAllowed: true), Now));

        Assert.Equal((ConnectionStatusCode.WithdrawalEnabled, true), (withoutConsent.Code, withoutConsent.SyncPaused));
        Assert.Equal((ConnectionStatusCode.WithdrawalEnabled, false), (withConsent.Code, withConsent.SyncPaused));
    }

    [Fact]
    public void Rate_limited_shows_until_when_and_lapses_after_it()
    {
        var limited = StatusRules.Evaluate(new StatusInput(Checked(Refusal(DiagnosisCategory.RateLimited, Now.AddMinutes(2))), Now));

        Assert.Equal(ConnectionStatusCode.RateLimited, limited.Code);
        Assert.Equal(Now.AddMinutes(2), limited.Until);
        Assert.Contains("12:02", limited.Title.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Equal(ConnectionStatusCode.Connected, Evaluate(Checked(Refusal(DiagnosisCategory.RateLimited, Now.AddMinutes(-1))) with { LastSuccessAt = Now.AddHours(-1) }));
    }

    [Fact]
    public void A_lapsed_rate_limit_on_a_connection_never_read_still_says_rate_limited_without_a_past_time()
    {
        var lapsed = StatusRules.Evaluate(new StatusInput(Checked(Refusal(DiagnosisCategory.RateLimited, Now.AddMinutes(-1))), Now));

        Assert.Equal(ConnectionStatusCode.RateLimited, lapsed.Code);
        Assert.Null(lapsed.Until);
        Assert.Equal("Rate limited", lapsed.Title.For(CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void Rate_limited_ranks_above_unavailable_and_expiring()
    {
        var connection = Checked(Refusal(DiagnosisCategory.RateLimited, Now.AddMinutes(2)), Facts(expiry: new KeyExpiry(KeyExpiryKind.Key, Now.AddDays(2), LocalizedText.Same("r"))));

        Assert.Equal(ConnectionStatusCode.RateLimited, Evaluate(connection));
    }

    [Fact]
    public void A_key_expiring_within_14_days_shows_the_days_left()
    {
        var status = StatusRules.Evaluate(new StatusInput(Checked(null, Facts(expiry: new KeyExpiry(KeyExpiryKind.Key, Now.AddDays(2), LocalizedText.Same("r")))), Now));

        Assert.Equal((ConnectionStatusCode.ExpiresSoon, 2), (status.Code, status.DaysLeft));
        Assert.Equal("Expires in 2 days", status.Title.For(CultureInfo.GetCultureInfo("en")));
        Assert.Equal(ConnectionStatusCode.Connected, Evaluate(Checked(null, Facts(expiry: new KeyExpiry(KeyExpiryKind.Key, Now.AddDays(20), LocalizedText.Same("r"))))));
    }

    [Fact]
    public void A_key_the_facts_show_expired_is_key_expired_even_without_a_refusal()
    {
        Assert.Equal(ConnectionStatusCode.KeyExpired, Evaluate(Checked(null, Facts(expiry: new KeyExpiry(KeyExpiryKind.Expired, null, LocalizedText.Same("r"))))));
    }

    [Fact]
    public void A_connection_never_contacted_is_not_checked_and_a_healthy_one_connected()
    {
        Assert.Equal(ConnectionStatusCode.NotChecked, Evaluate(Checked() with { LastCheckedAt = null }));
        Assert.Equal(ConnectionStatusCode.Connected, Evaluate(Checked()));
    }

    [Fact]
    public void The_latest_contact_decides_between_an_old_check_and_a_newer_sync()
    {
        var recovered = Checked(Refusal(DiagnosisCategory.InvalidKey)) with { LastSyncAt = Now, LastSyncDiagnosis = null };

        Assert.Equal(ConnectionStatusCode.Connected, Evaluate(recovered));
    }

    private static Snapshot Reading(params WalletStatus[] wallets) => new(1, "conn-1", Now.AddMinutes(-1), wallets, []);

    private static WalletStatus Refused(WalletKind wallet) => new(wallet, DiagnosisCategory.MissingPermission) { Right = "Enable Futures" };

    [Fact]
    public void A_reading_that_missed_a_wallet_is_incomplete_naming_it_and_the_right_to_enable()
    {
        var status = StatusRules.Evaluate(new StatusInput(Checked(), Now) { Latest = Reading(new(WalletKind.Spot, null), Refused(WalletKind.Futures)) });

        Assert.Equal(ConnectionStatusCode.Incomplete, status.Code);
        Assert.Contains("1 of 2 wallets read", status.Explanation.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("futures wallet", status.Explanation.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("“Enable Futures”", status.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("合约钱包", status.Explanation.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wallet_never_opened_is_not_missing_and_a_failed_one_is()
    {
        var notOpened = Reading(new(WalletKind.Spot, null), new WalletStatus(WalletKind.Margin, null) { Opened = false });
        var failed = Reading(new(WalletKind.Spot, null), new WalletStatus(WalletKind.Earn, DiagnosisCategory.ExchangeUnavailable));

        Assert.Equal(ConnectionStatusCode.Connected, StatusRules.Evaluate(new StatusInput(Checked(), Now) { Latest = notOpened }).Code);
        Assert.Equal((1, 1), (notOpened.WalletsRead, notOpened.WalletsExpected));
        Assert.Equal(WalletOutcome.NotOpened, notOpened.Wallets[1].Outcome);
        var status = StatusRules.Evaluate(new StatusInput(Checked(), Now) { Latest = failed });
        Assert.Equal(ConnectionStatusCode.Incomplete, status.Code);
        Assert.Equal(WalletOutcome.Failed, failed.Wallets[1].Outcome);
        Assert.Contains("earn wallet could not be read", status.Explanation.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void Incomplete_ranks_below_a_refused_key_and_above_an_expiring_one()
    {
        var partial = Reading(new(WalletKind.Spot, null), Refused(WalletKind.Futures));
        var expiring = Checked(null, Facts(expiry: new KeyExpiry(KeyExpiryKind.Key, Now.AddDays(2), LocalizedText.Same("r"))));

        Assert.Equal(ConnectionStatusCode.InvalidKey, StatusRules.Evaluate(new StatusInput(Checked(Refusal(DiagnosisCategory.InvalidKey)), Now) { Latest = partial }).Code);
        Assert.Equal(ConnectionStatusCode.Incomplete, StatusRules.Evaluate(new StatusInput(expiring, Now) { Latest = partial }).Code);
        Assert.Equal(ConnectionStatusCode.VaultLocked, StatusRules.Evaluate(new StatusInput(Checked(), Now) { Latest = partial, VaultLocked = true }).Code);
    }

    [Fact]
    public void Every_status_has_an_English_and_a_Chinese_title()
    {
        Assert.All(Enum.GetValues<ConnectionStatusCode>(), code =>
        {
            var title = StatusTexts.Title(code);
            Assert.False(string.IsNullOrWhiteSpace(title.For(CultureInfo.GetCultureInfo("en"))));
            Assert.False(string.IsNullOrWhiteSpace(title.For(CultureInfo.GetCultureInfo("zh-Hans"))));
        });
    }

    [Fact]
    public void A_working_connection_whose_key_has_findings_to_look_at_does_not_say_nothing_to_do()
    {
        Keyfolio.Core.Health.Finding[] findings =
        [
            new(Keyfolio.Core.Health.FindingKind.RotationDue, Keyfolio.Core.Health.FindingSeverity.Info, LocalizedText.Same("old"), LocalizedText.Same("Rotate it.")),
            new(Keyfolio.Core.Health.FindingKind.NoIpWhitelist, Keyfolio.Core.Health.FindingSeverity.Warning, LocalizedText.Same("no ip"), LocalizedText.Same("Bind the key to this host's IP.")),
            new(Keyfolio.Core.Health.FindingKind.CanTrade, Keyfolio.Core.Health.FindingSeverity.Critical, LocalizedText.Same("trades"), Keyfolio.Core.Texts.Of("EditTheKeyOnThe2")),
        ];

        var warned = StatusRules.Evaluate(new StatusInput(Checked(), Now) { Findings = findings });
        var onlyInfo = StatusRules.Evaluate(new StatusInput(Checked(), Now) { Findings = findings[..1] });

        Assert.Equal(ConnectionStatusCode.Connected, warned.Code);
        Assert.DoesNotContain("Nothing to do", warned.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("2 findings to look at. First: Edit the key on the exchange and turn trading off", warned.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("首先：请在交易所编辑此密钥并关闭交易权限", warned.Fix.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.Equal("Nothing to do.", onlyInfo.Fix.For(CultureInfo.GetCultureInfo("en")));
    }
}
