using System.Globalization;
using System.Text;
using System.Text.Json;
using Keyfolio.Simulator;
using QRCoder;

namespace Keyfolio.Cli.Commands;

/// <summary>
/// Keys the demo's simulated exchanges accept but the demo leaves unconnected, so a newcomer can try adding a
/// connection: typed from <see cref="TextFileName"/>, or by uploading one of the QR images beside it. They are sample
/// keys of the simulator and open nothing real; they are written into the throwaway demo directory, never printed.
/// </summary>
internal static class DemoKeysToTry
{
    public const string FolderName = "keys-to-try";

    public const string TextFileName = "keys.txt";

    /// <summary>A key to try; <paramref name="Rights"/> are the simulator's rights beyond "read" that its wallet needs, and
    /// <paramref name="HasQr"/> says whether the exchange shows a new key as a QR code, so the demo offers one to upload.</summary>
    private sealed record SpareKey(string Exchange, string Name, string ApiKey, string Secret, string? Passphrase, string Wallet, (string Asset, decimal Free)[] Holdings, string[]? Rights = null, bool HasQr = true);

    private static readonly SpareKey[] Keys =
    [
        new("binance", "Binance", "2NHlwa7fPtc4rxIK6vtwOTPRq4vYOeLUqQkYbzugclfpLxJewNsobloi3FGdzYhm", "y1nYxaCNcZ1cwr26vkuStlGh67GrqFAczoWtRJEa2MMJ9UvDVI6f4v50bu1ctC6r", null, "spot", [("BTC", 0.25m), ("USDT", 500m)]),
        new("okx", "OKX", "6d43f27e-e3fd-4406-a3a8-cbf0c5b29946", "1B5D50EE68BD9646C67FB8CF6EEA3973", "Try-Pass1!", "spot", [("ETH", 4m), ("USDC", 750m)]),
        new("htx", "HTX", "cf42c51b-fa4d42ed-a7dd971b-84b92ef749", "fc004920-4a1f6bc9-147f37f8-1639c", null, "spot", [("TRX", 20000m), ("USDT", 120m)]),
        new("bitfinex", "Bitfinex", "RBZpcaCX05244rA6auCq4ac6uvw1J1F8OqzeHCAKnNd", "s90b9HFZZ2aNwe2c6ap3hW8ye7AMVl6pokk6i2MAd2M", null, "exchange", [("BTC", 0.1m), ("USD", 900m)]),
        new("hitbtc", "HitBTC", "520efd081e7e283c5406b2170f3e0267", "1e5266ba29e8c2921d6d84b8136e48c3", null, "spot", [("ETH", 1.2m), ("USDT", 300m)], ["transfer"]),
        new("gate", "Gate", "b49987e90e6153dd6e2942283ff4d519", "6818e720f7a18a507804eebe02c9b0afd75b1b1af96ee2458ce88c485984a11c", null, "spot", [("GT", 40m), ("USDT", 210m)]),
        new("kraken", "Kraken", "ES31Oi5a/07HDV4hRyQOPTyDB4ebbmg4kh/PU+VYMfopNuaCMJVno654", "D1Sr+GWORHCmdESuCN85xbKeGlPHk3XV2ANtTBOUjFtL5S9Xp95YLpqQ/pOs1JeUHiaDHgNzzNiuUFr/T1UrKw==", null, "spot", [("BTC", 0.15m), ("USD", 1200m)]),
        new("bybit", "Bybit", "F7JTWbDQkgLlxKcrBD", "rCtApyZrWvwJ8lITeUUidXPrT8Qq9OyFXGZO", null, "unified", [("BTC", 0.05m), ("USDT", 400m)]),
        new("kucoin", "KuCoin", "4559774f9f4e533296a0a4c0", "86cd426e-acdc-4d25-b359-411867e90499", "Try-Pass7", "trade", [("KCS", 25m), ("USDT", 330m)], HasQr: false),
        // A P-256 key generated for the simulator alone (its public half is the demo account's): it signs nothing real.
        new("coinbase", "Coinbase", "organizations/9716b068-16a2-4723-9d09-46ff6e3faa94/apiKeys/27bc0ae3-1f5a-412f-ae88-9fb6f8bed491", "-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEIM4I7X+ko4Y5VBN+6Vtiu/Qs9CmOqeNdKKOC4K1u+IBBoAoGCCqGSM49\\nAwEHoUQDQgAEST2nqd53uzVyUb+zKVFeGwk5cif+qg1Ckoo0bGEJ894XKr7J4z7c\\ny+xibl9SAwuzbnMUVlmYFO91+5BqDZgnBg==\\n-----END EC PRIVATE KEY-----\\n", null, "spot", [("ETH", 0.9m), ("USDC", 640m)], HasQr: false),
    ];

    /// <summary>The simulator accounts behind the keys, each read-only (with the reading rights its wallets need), with a few holdings.</summary>
    public static IEnumerable<SimulatorAccount> Accounts(DateTimeOffset now) => Keys.Select((key, index) => new SimulatorAccount
    {
        Exchange = key.Exchange,
        ApiKey = key.ApiKey,
        Secret = key.Secret,
        Passphrase = key.Passphrase,
        Label = key.Name + " key to try",
        Permissions = ["read", .. key.Rights ?? []],
        CreatedAt = now.AddDays(-1),
        Uid = (7_700_000 + index).ToString(CultureInfo.InvariantCulture),
        Balances = [.. key.Holdings.Select(held => new SimulatorBalance { Wallet = key.Wallet, Asset = held.Asset, Free = held.Free })],
    });

    /// <summary>Whether the simulator account is one of the keys to try (which the demo does not connect).</summary>
    public static bool Contains(SimulatorAccount account) =>
        Keys.Any(key => string.Equals(key.Exchange, account.Exchange, StringComparison.OrdinalIgnoreCase) && string.Equals(key.ApiKey, account.ApiKey, StringComparison.Ordinal));

    /// <summary>Writes the keys as text and as QR images (JSON, as exchanges encode them) into the demo directory; returns the folder.</summary>
    public static async Task<string> WriteAsync(string demoDirectory, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(demoDirectory, FolderName);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var text = new StringBuilder()
            .AppendLine("Keys to try in the Keyfolio demo (sample keys of the simulated exchanges; they open nothing real).")
            .AppendLine("Add connection -> choose the exchange -> type these fields, or upload the exchange's PNG in this folder.")
            .AppendLine("演示用的示例密钥（仅对模拟交易所有效）：添加连接 → 选择交易所 → 输入以下字段，或上传本文件夹中对应的 PNG 二维码。")
            .AppendLine();
        using var generator = new QRCodeGenerator();
        foreach (var key in Keys)
        {
            text.AppendLine(key.Name)
                .AppendLine("  API key:    " + key.ApiKey)
                .AppendLine("  Secret:     " + key.Secret);
            if (key.Passphrase is not null)
            {
                text.AppendLine("  Passphrase: " + key.Passphrase + (key.HasQr ? "   (not in the QR image: " + key.Name + " never puts it there)" : string.Empty));
            }

            if (!key.HasQr)
            {
                text.AppendLine("  (" + key.Name + " shows no QR code for a new key: type the fields / 该交易所不提供密钥二维码：请手动输入)");
            }

            text.AppendLine();
            if (!key.HasQr)
            {
                continue;
            }

            var payload = JsonSerializer.Serialize(new Dictionary<string, string> { ["apiKey"] = key.ApiKey, ["secretKey"] = key.Secret });
            using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
            await File.WriteAllBytesAsync(Path.Combine(folder, key.Exchange + ".png"), new PngByteQRCode(data).GetGraphic(8), cancellationToken).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(Path.Combine(folder, TextFileName), text.ToString(), cancellationToken).ConfigureAwait(false);
        return folder;
    }
}
