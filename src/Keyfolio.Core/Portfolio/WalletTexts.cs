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
        WalletKind.Spot => Texts.Of("Spot"),
        WalletKind.Funding => Texts.Of("Funding"),
        WalletKind.Trading => Texts.Of("Trading"),
        WalletKind.Margin => Texts.Of("Margin"),
        WalletKind.Futures => Texts.Of("Futures"),
        WalletKind.Earn => Texts.Of("Earn"),
        WalletKind.Staking => Texts.Of("Staking"),
        WalletKind.Options => Texts.Of("Options"),
        _ => throw new ArgumentOutOfRangeException(nameof(wallet), wallet, null),
    };

    /// <summary>The wallet's name, with the exchange's own name of it when that differs: <c>funding (“wallet”)</c>.</summary>
    public static LocalizedText Named(WalletStatus wallet)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        var name = Name(wallet.Wallet);
        return wallet.AccountName is { } account && !string.Equals(account, name.ToString(), StringComparison.OrdinalIgnoreCase)
            ? Texts.Of("WalletWithAccountName", name, account)
            : name;
    }

    /// <summary>The outcome's short name: <c>not permitted</c>, <c>failed</c>.</summary>
    public static LocalizedText Outcome(WalletOutcome outcome) => outcome switch
    {
        WalletOutcome.Read => Texts.Of("Read"),
        WalletOutcome.NotPermitted => Texts.Of("NotPermittedForThisKey"),
        WalletOutcome.NotOpened => Texts.Of("NotOpenedOnThisAccount"),
        WalletOutcome.Failed => Texts.Of("Failed"),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>"2 of 6 wallets read".</summary>
    public static LocalizedText Counted(int read, int expected) => expected == 1
        ? Texts.Of("OneWalletRead", read, expected)
        : Texts.Of("WalletsRead", read, expected);

    /// <summary>Why a wallet was not read: the right the key lacks, or the exchange's failure.</summary>
    public static LocalizedText Reason(WalletStatus wallet, ExchangeId exchange)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        var kind = Name(wallet.Wallet);
        var exchangeName = ExchangeCatalog.Get(exchange).DisplayName;
        var own = wallet.AccountName is { } account && !string.Equals(account, kind.ToString(), StringComparison.OrdinalIgnoreCase)
            ? Texts.Of("WalletAccountName", exchangeName, account)
            : LocalizedText.Same(string.Empty);
        var name = wallet.SubAccount is { } sub
            ? Texts.Of("WalletOfSubAccount", kind, sub)
            : Texts.Of("Wallet", kind, own);
        return wallet.Outcome switch
        {
            WalletOutcome.NotPermitted when wallet.SubAccount is not null => Texts.Of("ThisKeyCannotReadYour", name, exchangeName, Detail(wallet.Diagnosis)),
            WalletOutcome.NotPermitted when wallet.Right is { } right => Texts.Of("ThisKeyCannotReadYour2", name, exchangeName, right),
            WalletOutcome.NotPermitted => Texts.Of("ThisKeyCannotReadYour3", name, exchangeName, Detail(wallet.Diagnosis)),
            WalletOutcome.Failed => Texts.Of("YourCouldNotBeRead", name, Detail(wallet.Diagnosis)),
            WalletOutcome.NotOpened => Texts.Of("YourIsNotOpenedOn", name),
            _ => Texts.Of("YourWasRead", name),
        };
    }

    /// <summary>How to get the wallet read.</summary>
    public static LocalizedText Fix(WalletStatus wallet, ExchangeId exchange)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        var exchangeName = ExchangeCatalog.Get(exchange).DisplayName;
        return wallet.Outcome switch
        {
            WalletOutcome.NotPermitted when wallet.SubAccount is { } sub => Texts.Of("CheckOnThatIsStill", exchangeName, sub),
            WalletOutcome.NotPermitted when wallet.Right is { } right => Texts.Of("OnSAPIManagementPage", exchangeName, right),
            WalletOutcome.NotPermitted => wallet.Diagnosis?.Fix ?? Texts.Of("OnSAPIManagementPage2", exchangeName),
            WalletOutcome.Failed => wallet.Diagnosis?.Fix ?? Texts.Of("RefreshTheConnectionLaterThe"),
            _ => Texts.Of("NothingToDo"),
        };
    }

    /// <summary>When the values kept for a failed wallet were read: <c>values from 2026-06-01 12:00 UTC</c>.</summary>
    public static LocalizedText ValuesFrom(DateTimeOffset at)
    {
        var time = at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return Texts.Of("LastValuesFromUTCStale", time);
    }

    private static LocalizedText Detail(Diagnosis? diagnosis) =>
        diagnosis is null
            ? LocalizedText.Same(string.Empty)
            : diagnosis.ExchangeWords is { } words
                ? Texts.Of("DetailWithExchangeWords", diagnosis.Explanation, words)
                : Texts.Of("Detail", diagnosis.Explanation);
}
