using System.Globalization;
using System.Text.Json.Nodes;
using Keyfolio.Simulator.Tests.Signing;

namespace Keyfolio.Simulator.Tests;

/// <summary>Reads each exchange's balance answer in its own shape: asset → (free, total).</summary>
public static class BalanceReader
{
    public static async Task<Dictionary<string, (decimal Free, decimal Total)>> ReadAsync(TestSimulator sim, string exchange, TestKey key)
    {
        var origin = sim.Host.BaseUrl(exchange);
        var signer = ExchangeSigner.For(exchange);
        var (status, body, _) = await sim.SendJsonAsync(signer.Balance(origin, key, sim.Now));
        Assert.True(status == 200, $"{exchange} answered {status}: {body?.ToJsonString()}");
        var result = new Dictionary<string, (decimal, decimal)>(StringComparer.Ordinal);
        switch (exchange)
        {
            case "binance":
                foreach (var b in body!["balances"]!.AsArray())
                {
                    result[(string)b!["asset"]!] = (D(b["free"]), D(b["free"]) + D(b["locked"]));
                }

                break;
            case "okx":
                Assert.Equal("0", (string?)body!["code"]);
                foreach (var b in body["data"]![0]!["details"]!.AsArray())
                {
                    result[(string)b!["ccy"]!] = (D(b["availBal"]), D(b["eq"]));
                }

                break;
            case "htx":
                var spot = body!["data"]!.AsArray().First(a => (string?)a!["type"] == "spot")!;
                var id = ((long)spot["id"]!).ToString(CultureInfo.InvariantCulture);
                var (balanceStatus, balance, _) = await sim.SendJsonAsync(HtxSigner.Get(origin, $"/v1/account/accounts/{id}/balance", [], key, sim.Now));
                Assert.Equal(200, balanceStatus);
                Assert.Equal("ok", (string?)balance!["status"]);
                foreach (var line in balance["data"]!["list"]!.AsArray())
                {
                    var asset = ((string)line!["currency"]!).ToUpperInvariant();
                    var (free, total) = result.GetValueOrDefault(asset);
                    var amount = D(line["balance"]);
                    result[asset] = (string?)line["type"] == "trade" ? (free + amount, total + amount) : (free, total + amount);
                }

                break;
            case "bitfinex":
                foreach (var row in body!.AsArray().Where(r => (string?)r![0] == "exchange"))
                {
                    result[(string)row![1]!] = (D(row[4]), D(row[2]));
                }

                break;
            case "hitbtc":
                foreach (var b in body!.AsArray())
                {
                    result[(string)b!["currency"]!] = (D(b["available"]), D(b["available"]) + D(b["reserved"]));
                }

                break;
            case "bybit":
                Assert.Equal(0, (int)body!["retCode"]!);
                foreach (var b in body["result"]!["list"]![0]!["coin"]!.AsArray())
                {
                    result[(string)b!["coin"]!] = (D(b["equity"]) - D(b["locked"]), D(b["equity"]));
                }

                break;
            case "kucoin":
                Assert.Equal("200000", (string?)body!["code"]);
                foreach (var b in body["data"]!.AsArray())
                {
                    result[(string)b!["currency"]!] = (D(b["available"]), D(b["balance"]));
                }

                break;
            case "coinbase":
                // The spot accounts: the vault accounts the same answer lists are the other wallet.
                Assert.False((bool)body!["has_next"]!);
                foreach (var b in body["accounts"]!.AsArray().Where(a => (string?)a!["type"] != "ACCOUNT_TYPE_VAULT"))
                {
                    var free = D(b!["available_balance"]!["value"]);
                    var held = D(b["hold"]!["value"]);
                    if (free + held != 0m)
                    {
                        result[(string)b["currency"]!] = (free, free + held);
                    }
                }

                break;
            case "gate":
                foreach (var b in body!.AsArray())
                {
                    result[(string)b!["currency"]!] = (D(b["available"]), D(b["available"]) + D(b["locked"]));
                }

                break;
            case "kraken":
                Assert.Empty(body!["error"]!.AsArray());

                // The spot codes only (legacy X/Z keys for BTC and ETH); suffixed codes are the earn and staking wallets.
                foreach (var (code, b) in body["result"]!.AsObject().Where(e => !e.Key.Contains('.', StringComparison.Ordinal)))
                {
                    var asset = code switch { "XXBT" => "BTC", "XETH" => "ETH", "ZUSD" => "USD", _ => code };
                    result[asset] = (D(b!["balance"]) - D(b["hold_trade"]), D(b["balance"]));
                }

                break;
            default:
                foreach (var b in body!.AsArray())
                {
                    result[(string)b!["currencySymbol"]!] = (D(b["available"]), D(b["total"]));
                }

                break;
        }

        return result;
    }

    /// <summary>A JSON string or number as an exact decimal.</summary>
    public static decimal D(JsonNode? node) => decimal.Parse(node!.ToJsonString().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture);
}
