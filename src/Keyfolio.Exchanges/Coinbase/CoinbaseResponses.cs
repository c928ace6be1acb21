using System.Text.Json;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Coinbase;

/// <summary>Reads Coinbase's answers: the portfolio's accounts, the key's permissions, the public products and the server time.</summary>
internal static class CoinbaseResponses
{
    /// <summary>The vault accounts' name in Coinbase's words (<c>ACCOUNT_TYPE_VAULT</c>).</summary>
    public const string VaultAccounts = "Vault";

    /// <summary>The trading accounts' name: Coinbase's crypto and cash (fiat) accounts of the key's portfolio.</summary>
    public const string TradingAccounts = "Crypto and cash accounts";

    /// <summary>
    /// One page of <c>GET /api/v3/brokerage/accounts</c>: <c>accounts[] {currency, available_balance{value}, hold{value}, type}</c>,
    /// <c>has_next</c>, <c>cursor</c> (Advanced Trade API, "List Accounts":
    /// https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/accounts/list-accounts). Every account is
    /// listed, zero balances included; the total is what is available plus what is on hold for orders and transfers.
    /// Crypto and fiat accounts are the spot wallet, vaults (<c>ACCOUNT_TYPE_VAULT</c>) a wallet of their own, and
    /// perpetual-futures accounts the futures wallet.
    /// </summary>
    public static AccountsPage Accounts(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("accounts", out var accounts) || accounts.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The answer has no accounts.");
        }

        var balances = new List<AssetBalance>();
        var vaults = 0;
        foreach (var account in accounts.EnumerateArray())
        {
            var type = JsonValues.String(account, "type");
            var wallet = type switch
            {
                "ACCOUNT_TYPE_VAULT" => WalletKind.Funding,
                "ACCOUNT_TYPE_PERP_FUTURES" => WalletKind.Futures,
                _ => WalletKind.Spot,
            };
            vaults += wallet == WalletKind.Funding ? 1 : 0;
            var code = JsonValues.String(account, "currency") ?? throw new FormatException("An account has no currency.");
            var free = Amount(account, "available_balance");
            var held = Amount(account, "hold");
            if (free != 0m || held != 0m)
            {
                balances.Add(new AssetBalance(wallet, AssetCodes.Common(ExchangeId.Coinbase, code), code, free, held, free + held));
            }
        }

        var hasNext = root.TryGetProperty("has_next", out var next) && next.ValueKind == JsonValueKind.True;
        return new AccountsPage(balances, vaults, hasNext ? JsonValues.String(root, "cursor") : null);
    }

    /// <summary>
    /// <c>GET /api/v3/brokerage/key_permissions</c>: <c>{can_view, can_trade, can_transfer, portfolio_uuid, portfolio_type}</c>
    /// (Advanced Trade API, "Get API Key Permissions": https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/data-api/get-api-key-permissions).
    /// View reads; Trade places orders of every product (spot, futures, perpetuals); Transfer "send[s] and receive[s]
    /// funds, on and off platform" (CDP, "Authorization": https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/authorization),
    /// so it is both the withdrawal right and the internal-transfer right. Coinbase reports no IP allowlist, creation
    /// date, last use or expiry; the key sees the one portfolio it names.
    /// </summary>
    public static KeyFacts KeyFacts(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("can_view", out _))
        {
            throw new FormatException("The answer has no permissions.");
        }

        PermissionState State(string name) => JsonValues.Bool(root, name) ? PermissionState.Granted : PermissionState.Absent;
        var view = State("can_view");
        var trade = State("can_trade");
        var transfer = State("can_transfer");
        string[] scopes = [.. new[] { ("view", view), ("trade", trade), ("transfer", transfer) }.Where(s => s.Item2 == PermissionState.Granted).Select(s => s.Item1)];
        return new KeyFacts
        {
            Permissions = new Dictionary<KeyPermission, PermissionState>
            {
                [KeyPermission.Read] = view,
                [KeyPermission.SpotTrade] = trade,
                [KeyPermission.Margin] = trade,
                [KeyPermission.Futures] = trade,
                [KeyPermission.Withdraw] = transfer,
                [KeyPermission.InternalTransfer] = transfer,
            },
            ExchangePermissions = scopes,
            Account = new AccountFacts
            {
                AccountId = JsonValues.String(root, "portfolio_uuid"),
                AccountMode = JsonValues.String(root, "portfolio_type") is { Length: > 0 } type ? "portfolio " + type : null,
            },
        };
    }

    /// <summary>
    /// <c>GET /api/v3/brokerage/market/products</c> (public): <c>products[] {product_id: "BTC-USD", price, base_currency_id,
    /// quote_currency_id}</c>; <c>price</c> is the last trade, empty when there is none (Advanced Trade API, "List Public
    /// Products": https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/list-public-products).
    /// </summary>
    public static IEnumerable<Market> Markets(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("products", out var products) || products.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var product in products.EnumerateArray())
        {
            var id = (JsonValues.String(product, "product_id") ?? string.Empty).Split('-');
            var baseAsset = JsonValues.String(product, "base_currency_id") ?? (id.Length == 2 ? id[0] : null);
            var quote = JsonValues.String(product, "quote_currency_id") ?? (id.Length == 2 ? id[1] : null);
            if (baseAsset is { Length: > 0 } && quote is { Length: > 0 } && product.TryGetProperty("price", out var price) && JsonValues.OptionalDecimal(price) is { } last)
            {
                yield return new Market(AssetCodes.Common(ExchangeId.Coinbase, baseAsset), AssetCodes.Common(ExchangeId.Coinbase, quote), last);
            }
        }
    }

    /// <summary><c>{"iso":"2024-02-27T03:37:14Z","epochSeconds":"1709005034","epochMillis":"1709005034333"}</c>.</summary>
    public static DateTimeOffset? ServerTime(string body)
    {
        using var document = JsonValues.TryParse(body);
        return document?.RootElement is { ValueKind: JsonValueKind.Object } root && JsonValues.Long(root, "epochMillis") is { } ms and > 0
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
    }

    /// <summary>One line per wallet and asset (a currency may have an account and several vaults).</summary>
    public static List<AssetBalance> Merge(IEnumerable<AssetBalance> balances) =>
        [.. balances
            .GroupBy(b => (b.Wallet, b.Asset))
            .Select(g => g.Skip(1).Any()
                ? new AssetBalance(g.Key.Wallet, g.Key.Asset, g.First().ExchangeAsset, g.Sum(b => b.Free), g.Sum(b => b.Locked), g.Sum(b => b.Total))
                : g.First())];

    private static decimal Amount(JsonElement account, string name) =>
        account.TryGetProperty(name, out var money) && money.ValueKind == JsonValueKind.Object ? JsonValues.Decimal(money, "value") : 0m;
}

/// <summary>One page of accounts: the balances on it, how many of its accounts are vaults, and the cursor of the next page (<c>null</c> on the last).</summary>
internal sealed record AccountsPage(IReadOnlyList<AssetBalance> Balances, int Vaults, string? NextCursor);
