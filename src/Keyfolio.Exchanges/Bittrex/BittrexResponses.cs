using System.Text.Json;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Bittrex;

/// <summary>Reads Bittrex's answers: balances, the account, tickers.</summary>
internal static class BittrexResponses
{
    /// <summary><c>GET /v3/balances</c>: <c>[{currencySymbol, total, available}]</c>.</summary>
    public static IReadOnlyList<AssetBalance> Balances(JsonElement root) =>
        [.. root.EnumerateArray().Select(b =>
        {
            var code = JsonValues.String(b, "currencySymbol") ?? throw new FormatException("A balance has no currencySymbol.");
            var total = JsonValues.Decimal(b, "total");
            var free = JsonValues.Decimal(b, "available");
            return new AssetBalance(WalletKind.Spot, AssetCodes.Common(ExchangeId.Bittrex, code), code, free, total - free, total);
        })];

    /// <summary><c>GET /v3/account</c>: <c>{accountId, subaccountId?}</c>. Bittrex reports nothing about the key's rights:
    /// reading works, the rest is unknown.</summary>
    public static KeyFacts KeyFacts(JsonElement root)
    {
        var subaccount = JsonValues.String(root, "subaccountId");
        return new KeyFacts
        {
            Permissions = new Dictionary<KeyPermission, PermissionState> { [KeyPermission.Read] = PermissionState.Granted },
            ExchangePermissions = ["READ INFO"],
            Account = new AccountFacts
            {
                AccountId = JsonValues.String(root, "accountId"),
                IsSubAccount = !string.IsNullOrEmpty(subaccount),
            },
            Inferred = true,
        };
    }

    /// <summary><c>GET /v3/markets/tickers</c>: <c>[{symbol: "BTC-USD", lastTradeRate}]</c>.</summary>
    public static IEnumerable<Market> Markets(JsonElement root)
    {
        foreach (var ticker in root.EnumerateArray())
        {
            var parts = (JsonValues.String(ticker, "symbol") ?? string.Empty).Split('-');
            if (parts.Length == 2 && ticker.TryGetProperty("lastTradeRate", out var last) && JsonValues.OptionalDecimal(last) is { } price)
            {
                yield return new Market(AssetCodes.Common(ExchangeId.Bittrex, parts[0]), AssetCodes.Common(ExchangeId.Bittrex, parts[1]), price);
            }
        }
    }
}
