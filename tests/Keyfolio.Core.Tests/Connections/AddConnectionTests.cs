using System.Globalization;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Health;
using Keyfolio.Core.Status;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Tests.Connections;

public sealed class AddConnectionTests
{
    private static readonly string[] MainAccounts = ["Binance main", "OKX main", "HTX main", "Bitfinex main", "HitBTC main", "Gate main", "Bittrex main", "Kraken main", "Bybit main", "KuCoin main", "Coinbase main"];

    [Fact]
    public async Task Adding_one_account_per_exchange_stores_the_seeded_balances_valued_at_the_seeded_prices()
    {
        await using var harness = await CoreHarness.StartAsync();

        foreach (var label in MainAccounts)
        {
            var view = await harness.AddAsync(label);

            var account = harness.Account(label);

            Assert.True(view.Latest!.IsComplete, label);
            // Every wallet is read, or never opened on the account (Gate main has no delivery or options account).
            Assert.All(view.Latest.Wallets, w => Assert.Contains(w.Outcome, new[] { WalletOutcome.Read, WalletOutcome.NotOpened }));
            Assert.Contains(view.Latest.Wallets, w => w.Outcome == WalletOutcome.Read);
            var expected = account.Balances.GroupBy(b => b.Asset).ToDictionary(g => g.Key, g => g.Sum(b => b.Net));
            var actual = view.Latest!.Holdings.GroupBy(h => h.Asset).ToDictionary(g => g.Key, g => g.Sum(h => h.Total));
            Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
            var value = expected.Sum(p => p.Value * harness.Config.Prices[p.Key]);
            Assert.Equal(value, view.TotalUsd);
            Assert.Equal(ConnectionStatusCode.Connected, view.Status.Code);
        }

        var listed = await harness.Connections.ListAsync(vaultLockApplies: true, CancellationToken.None);
        Assert.Equal(MainAccounts, listed.Select(v => v.Connection.Label));
    }

    [Fact]
    public async Task An_exchange_that_does_not_answer_while_a_key_is_added_is_said_to_have_saved_nothing()
    {
        await using var harness = await CoreHarness.StartAsync();
        harness.Simulator.Control.SetFault(new Keyfolio.Simulator.SimulatorFault { Exchange = "gate", Maintenance = true });

        var refused = await harness.TryAddAsync("Gate main");

        Assert.Equal(CoreErrorKind.ExchangeUnavailable, refused.Error?.Kind);
        Assert.StartsWith("Nothing was saved. Try again", refused.Error!.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("Gate", refused.Error.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.DoesNotContain("last balances", refused.Error.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.StartsWith("未保存任何内容", refused.Error.Fix.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.Empty(await harness.Connections.ListAsync(vaultLockApplies: false, CancellationToken.None));
    }

    [Fact]
    public async Task A_rate_limited_add_says_nothing_was_saved_and_when_to_try_again()
    {
        await using var harness = await CoreHarness.StartAsync();
        harness.Simulator.Control.SetFault(new Keyfolio.Simulator.SimulatorFault { Exchange = "gate", ApiKeys = [harness.Account("Gate main").ApiKey], ForcedStatus = 429, RetryAfterSeconds = 120 });

        var refused = await harness.TryAddAsync("Gate main");

        Assert.Equal(CoreErrorKind.ExchangeUnavailable, refused.Error?.Kind);
        Assert.Matches(@"^Nothing was saved\. Try again after [0-2][0-9]:[0-5][0-9] UTC, when Gate answers\.$", refused.Error!.Fix.For(CultureInfo.GetCultureInfo("en")));
        Assert.DoesNotContain("pauses this connection", refused.Error.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Empty(await harness.Connections.ListAsync(vaultLockApplies: false, CancellationToken.None));
    }

    [Fact]
    public async Task A_key_that_can_withdraw_is_refused_naming_the_permission_and_nothing_is_stored()
    {
        await using var harness = await CoreHarness.StartAsync();

        var refused = await harness.TryAddAsync("Binance withdraw-enabled");

        Assert.Equal(CoreErrorKind.WithdrawalRefused, refused.Error?.Kind);
        Assert.Contains("Enable Withdrawals", refused.Error!.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("Edit restrictions", refused.Error.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Empty(await harness.Connections.ListAsync(false, CancellationToken.None));
    }

    /// <summary>The key-introspection answer of each new exchange (Kraken GetApiKeyInfo, Bybit query-api, KuCoin's key
    /// info, Coinbase key_permissions) says the key can withdraw, and that alone refuses it.</summary>
    [Theory]
    [InlineData("Kraken withdraw-enabled", ExchangeId.Kraken)]
    [InlineData("Bybit withdraw-enabled", ExchangeId.Bybit)]
    [InlineData("KuCoin withdraw-enabled", ExchangeId.Kucoin)]
    [InlineData("Coinbase withdraw-enabled", ExchangeId.Coinbase)]
    public async Task A_withdrawal_right_reported_by_the_exchange_s_permission_endpoint_refuses_the_key(string label, ExchangeId exchange)
    {
        await using var harness = await CoreHarness.StartAsync();
        var right = ExchangeCatalog.Get(exchange).WithdrawalRight!;

        var refused = await harness.TryAddAsync(label);

        Assert.Equal(CoreErrorKind.WithdrawalRefused, refused.Error?.Kind);
        Assert.Contains(right.PermissionName, refused.Error!.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Equal(right.HowToRemove.For(CultureInfo.GetCultureInfo("en")), refused.Error.Fix.For(CultureInfo.GetCultureInfo("en")));
        Assert.Empty(await harness.Connections.ListAsync(false, CancellationToken.None));
    }

    [Fact]
    public async Task The_withdrawal_override_needs_the_label_typed_again_and_then_carries_a_critical_finding()
    {
        await using var harness = await CoreHarness.StartAsync();

        var mistyped = await harness.TryAddAsync("Binance withdraw-enabled", r => r with { AllowWithdrawal = true, WithdrawalConfirmation = "binance" });
        var confirmed = await harness.AddAsync("Binance withdraw-enabled", r => r with { AllowWithdrawal = true, WithdrawalConfirmation = "Binance withdraw-enabled" });

        Assert.Equal(CoreErrorKind.WithdrawalRefused, mistyped.Error?.Kind);
        Assert.Equal("confirmation", mistyped.Error!.Field);
        Assert.Equal(ConnectionStatusCode.WithdrawalEnabled, confirmed.Status.Code);
        Assert.False(confirmed.Status.SyncPaused);
        Assert.Contains(confirmed.Findings, f => f.Kind == FindingKind.CanWithdraw && f.Severity == FindingSeverity.Critical);
    }

    [Fact]
    public async Task A_wrong_passphrase_is_diagnosed_and_nothing_is_stored()
    {
        await using var harness = await CoreHarness.StartAsync();
        var account = harness.Account("OKX main");
        using var credentials = new Keyfolio.Core.Connections.KeyCredentials(account.ApiKey, account.Secret, "Wrong-Pass9!");

        var result = await harness.Get<AddConnectionCommand>().AddAsync(new(ExchangeId.Okx, "OKX main", credentials), CancellationToken.None);

        Assert.Equal(CoreErrorKind.VerificationFailed, result.Error?.Kind);
        Assert.Equal(DiagnosisCategory.WrongPassphrase, result.Error!.Diagnosis?.Category);
        Assert.Empty(await harness.Connections.ListAsync(false, CancellationToken.None));
        Assert.Null(await new Keyfolio.Core.Storage.DatabaseVaultStore(harness.Database).ReadCredentialAsync("x", CancellationToken.None));
    }

    [Fact]
    public async Task The_same_key_or_label_twice_is_refused()
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.AddAsync("Gate main");

        var sameKey = await harness.TryAddAsync("Gate main", r => r with { Label = "Gate again" });
        var sameLabel = await harness.TryAddAsync("HitBTC main", r => r with { Label = "gate MAIN" });

        Assert.Equal(CoreErrorKind.DuplicateKey, sameKey.Error?.Kind);
        Assert.Equal(CoreErrorKind.DuplicateLabel, sameLabel.Error?.Kind);
        Assert.Single(await harness.Connections.ListAsync(false, CancellationToken.None));
    }

    [Fact]
    public async Task A_malformed_key_is_refused_locally_naming_the_field_without_any_call()
    {
        await using var harness = await CoreHarness.StartAsync();
        harness.Simulator.Control.ResetCounters("binance");
        using var credentials = new Keyfolio.Core.Connections.KeyCredentials("not a key", "short");

        var result = await harness.Get<AddConnectionCommand>().AddAsync(new(ExchangeId.Binance, "Binance", credentials), CancellationToken.None);

        Assert.Equal(CoreErrorKind.BadInput, result.Error?.Kind);
        Assert.Equal("apiKey", result.Error!.Field);
        Assert.Equal(0, harness.Simulator.Control.GetCounters("binance").Requests);
    }

    [Fact]
    public async Task While_the_vault_is_locked_nothing_is_added_and_no_call_is_made()
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.Vault.LockAsync();
        harness.Simulator.Control.ResetCounters("gate");

        var result = await harness.TryAddAsync("Gate main");

        Assert.Equal(CoreErrorKind.VaultLocked, result.Error?.Kind);
        Assert.Equal(0, harness.Simulator.Control.GetCounters("gate").Requests);
    }
}
