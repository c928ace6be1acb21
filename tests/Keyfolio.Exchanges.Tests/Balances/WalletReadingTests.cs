namespace Keyfolio.Exchanges.Tests.Balances;

public sealed class WalletReadingTests
{
    private static Diagnosis Refusal(DiagnosisCategory category) => new()
    {
        Category = category,
        Exchange = ExchangeId.Binance,
        Explanation = LocalizedText.Same("why"),
        Fix = LocalizedText.Same("fix"),
    };

    [Fact]
    public void The_constructors_keep_their_meaning_a_read_wallet_or_a_failure_told_apart_by_its_category()
    {
        Assert.Equal(WalletOutcome.Read, new WalletReading(WalletKind.Spot).Outcome);
        Assert.Equal(WalletOutcome.Read, new WalletReading(WalletKind.Spot, null).Outcome);
        Assert.Equal(WalletOutcome.NotPermitted, new WalletReading(WalletKind.Futures, Refusal(DiagnosisCategory.MissingPermission)).Outcome);
        Assert.Equal(WalletOutcome.Failed, new WalletReading(WalletKind.Earn, Refusal(DiagnosisCategory.ExchangeUnavailable)).Outcome);
    }

    [Fact]
    public void The_factories_say_each_outcome_and_only_a_refused_or_failed_wallet_makes_a_snapshot_incomplete()
    {
        var notOpened = WalletReading.NotOpened(WalletKind.Margin, "Cross Margin");
        var notPermitted = WalletReading.NotPermitted(WalletKind.Futures, Refusal(DiagnosisCategory.InvalidKey), "Enable Futures", "USDⓈ-M Futures");
        var failed = WalletReading.Failed(WalletKind.Earn, Refusal(DiagnosisCategory.ExchangeUnavailable));

        Assert.Equal((WalletOutcome.NotOpened, "Cross Margin"), (notOpened.Outcome, notOpened.AccountName));
        Assert.Null(notOpened.Failure);
        Assert.Equal((WalletOutcome.NotPermitted, "Enable Futures", DiagnosisCategory.MissingPermission), (notPermitted.Outcome, notPermitted.Right, notPermitted.Failure!.Category));
        Assert.Equal(WalletOutcome.Failed, failed.Outcome);
        var now = DateTimeOffset.UnixEpoch;
        Assert.True(new BalanceSnapshot([], [new WalletReading(WalletKind.Spot), notOpened], now).IsComplete);
        Assert.False(new BalanceSnapshot([], [new WalletReading(WalletKind.Spot), notPermitted], now).IsComplete);
        Assert.False(new BalanceSnapshot([], [new WalletReading(WalletKind.Spot), failed], now).IsComplete);
    }
}
