using Keyfolio.Exchanges;

namespace Keyfolio.Cli;

/// <summary>The command line's own words: Resources/Texts.resx and its language files (Texts.zh-Hans.resx, …).</summary>
internal static class Texts
{
    // First, as the fields below are read from it while the class is initialised.
    private static readonly TextCatalog Catalog = new("Keyfolio.Cli.Resources.Texts", typeof(Texts).Assembly);

    public static readonly LocalizedText Fix = Texts.Of("Fix");
    public static readonly LocalizedText Error = Texts.Of("Error");
    public static readonly LocalizedText MasterPassword = Texts.Of("MasterPassword");
    public static readonly LocalizedText NewMasterPassword = Texts.Of("NewMasterPassword");
    public static readonly LocalizedText RepeatPassword = Texts.Of("RepeatThePassword");
    public static readonly LocalizedText ExportPassword = Texts.Of("ExportPassword");
    public static readonly LocalizedText PasswordsDiffer = Texts.Of("TheTwoPasswordsDifferNothing");
    public static LocalizedText NoTerminal(LocalizedText what) => Texts.Of("NoTerminalToAsk", what);

    public static readonly LocalizedText NoTerminalFix = Texts.Of("GiveItWithPasswordFile");

    public static readonly LocalizedText Verifying = Texts.Of("VerifyingTheKeyWithThe");
    public static readonly LocalizedText Refreshing = Texts.Of("ReadingBalancesFromTheExchanges");
    public static readonly LocalizedText Unlocking = Texts.Of("UnlockingTheVault");
    public static readonly LocalizedText Connection = Texts.Of("Connection");
    public static readonly LocalizedText Exchange = Texts.Of("Exchange");
    public static readonly LocalizedText Status = Texts.Of("Status");
    public static readonly LocalizedText Key = Texts.Of("Key");
    public static readonly LocalizedText Value = Texts.Of("ValueUSD");
    public static readonly LocalizedText Asset = Texts.Of("Asset");
    public static readonly LocalizedText Amount = Texts.Of("Amount");
    public static readonly LocalizedText Price = Texts.Of("PriceUSD");
    public static readonly LocalizedText Findings = Texts.Of("Findings");
    public static readonly LocalizedText Total = Texts.Of("Total");
    public static readonly LocalizedText Stale = Texts.Of("Stale");
    public static readonly LocalizedText Unpriced = Texts.Of("Unpriced");
    public static readonly LocalizedText Wallet = Texts.Of("Wallet");
    public static readonly LocalizedText NotRead = Texts.Of("NotRead");
    public static readonly LocalizedText Incomplete = Texts.Of("IncompleteTheseWalletsWereNot");
    public static readonly LocalizedText Updated = Texts.Of("Updated");
    public static readonly LocalizedText SubAccount = Texts.Of("SubAccount");
    public static LocalizedText SubAccountRow(string subAccount) => Texts.Of("SubAccountRow", subAccount);
    public static readonly LocalizedText MainAccountRow = Texts.Of("MainAccount");
    public static readonly LocalizedText Note = Texts.Of("Note");
    public static readonly LocalizedText Included = Texts.Of("Included");
    public static readonly LocalizedText Yes = Texts.Of("Yes");
    public static readonly LocalizedText No = Texts.Of("No");
    public static readonly LocalizedText NoLongerListed = Texts.Of("NoLongerListed");
    public static readonly LocalizedText Frozen = Texts.Of("Frozen");
    public static LocalizedText NoSubAccountReading(string exchange) => Texts.Of("KeyfolioReadsNoSubAccounts", exchange);
    public static readonly LocalizedText SubAccountsNotListed = Texts.Of("NotListedYetTheyAre");
    public static readonly LocalizedText SubAccountsNone = Texts.Of("TheExchangeListsNoSub");
    public static LocalizedText SubAccountsRefused(string exchange, string refusal) => Texts.Of("RefusedToListSubAccounts", exchange, refusal);
    public static readonly LocalizedText NoConnections = Texts.Of("NoConnectionsYetAddOne");

    public static LocalizedText Of(string key, params object?[] args) => Catalog.Of(key, args);
}
