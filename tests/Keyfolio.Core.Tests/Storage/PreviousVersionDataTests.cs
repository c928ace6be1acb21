using System.Globalization;
using Keyfolio.Core.Alerts;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Exchanges;
using Keyfolio.Vault.Kdf;

namespace Keyfolio.Core.Tests.Storage;

/// <summary>
/// People's data survives upgrades: a data directory and an export written by the previous version (see
/// TestData/previous-version/README.md) open with this one — keys decrypt, snapshots and the audit chain are intact —
/// and the diagnoses, key facts and alerts the version before whole texts recorded in English and Chinese
/// (TestData/recorded-texts/README.md) still read, translated where the text they were can be told.
/// </summary>
public sealed class PreviousVersionDataTests : IDisposable
{
    private const string Password = "previous-version-fixture-7";
    private const string ExportPassword = "fixture-export-password-7";
    private const string RecordedTextsExportPassword = "stored-texts-export-7";

    // The simulator's public demo keys the fixture was made with: (label, exchange, API key, secret, passphrase).
    private static readonly (string Label, ExchangeId Exchange, string ApiKey, string Secret, string Passphrase)[] Keys =
    [
        ("Binance main", ExchangeId.Binance, "8HlrwYMfvea9lkxwkkMxzwwM5hpA6eEfujfoRnxa6wHW35PBbnm3NliqNT1Nx4xy", "B7LQ4DBqHboMSp4DTHEzEDh2QFLVxZXSezhDvt2gl8t7mqaKzxEZUtubE7R5IiAW", string.Empty),
        ("OKX main", ExchangeId.Okx, "d51914b2-e15b-4253-9619-86d87fb22bb5", "FBE57A99669EA07430EA689C2E640E43", "Demo-Pass1!"),
        ("Bitfinex main", ExchangeId.Bitfinex, "ZHhN8vzLw5n6l7TrKLR9n8eLhM0d88n4W0JZloSiATD", "XRw0Fr8K7wUOdHsauE5iylGiFpF3NV1FOQq6obbndyk", string.Empty),
        ("Gate main", ExchangeId.Gate, "d57ad38a34f0d70da542ce40f36231f8", "c3bdefb40c249a3efe60202fabfa4f329e1359523b5da8f272e4a4a7d8e2c300", string.Empty),
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("keyfolio-previous-").FullName;

    [Fact]
    public async Task The_previous_versions_data_directory_opens_with_every_key_snapshot_and_audit_entry_intact()
    {
        await using var harness = await CoreHarness.StartAsync(createVault: false, dataDirectory: CopyFixture());

        Assert.True(await harness.Get<AuditTrail>().IsIntactAsync(CancellationToken.None));
        var unlocked = await harness.Vault.UnlockAsync(Password, CancellationToken.None);
        Assert.True(unlocked.IsSuccess, unlocked.Error?.ToString());

        var views = await harness.Connections.ListAsync(vaultLockApplies: true, CancellationToken.None);
        Assert.Equal(Keys.Select(k => (k.Label, k.Exchange)), views.Select(v => (v.Connection.Label, v.Connection.Exchange)));
        foreach (var (label, _, apiKey, secret, passphrase) in Keys)
        {
            var connection = views.Single(v => v.Connection.Label == label).Connection;
            var opened = await harness.Get<StoredKeys>().OpenAsync(connection, CancellationToken.None);
            Assert.True(opened.IsSuccess, opened.Error?.ToString());
            using var credentials = opened.Value;
            Assert.Equal(apiKey, credentials.ApiKey);
            Assert.Equal(secret, credentials.Secret.ToString());
            Assert.Equal(passphrase, credentials.Passphrase.ToString());
        }

        // The balances the previous version read are still there, valued as it valued them, and complete.
        var portfolio = await harness.Get<PortfolioService>().GetAsync(CancellationToken.None);
        Assert.Equal(90331.25m, portfolio.TotalUsd);
        Assert.Equal([42000.75m, 18100m, 27800m, 2430.50m], Keys.Select(k => views.Single(v => v.Connection.Label == k.Label).TotalUsd));
        Assert.All(views, v => Assert.True(v.Latest!.IsComplete, v.Connection.Label));

        // Labels are found by any form of them (schema 3 recomputed the keys), and the chain still verifies after the
        // vault's KDF was upgraded on this unlock.
        Assert.Equal("Binance main", (await harness.Connections.GetAsync("BINANCE   MAIN", vaultLockApplies: false, CancellationToken.None))?.Connection.Label);
        var info = await harness.Vault.GetInfoAsync(CancellationToken.None);
        Assert.Equal(KdfAlgorithm.Argon2id, info.Value!.Kdf.Algorithm);
        var verification = await harness.Get<AuditTrail>().VerifyAsync(CancellationToken.None);
        Assert.True(verification.IsIntact, verification.Summary);
        Assert.True(verification.EntriesChecked > 39, verification.Summary);
        var log = await harness.Get<AuditTrail>().ReadNewestAsync(100, null, CancellationToken.None);
        Assert.Contains(log, r => r.Action == Keyfolio.Vault.Audit.AuditAction.CredentialAdded && r.ConnectionId == views[0].Connection.Id);
        Assert.Contains(log, r => r.Action == Keyfolio.Vault.Audit.AuditAction.KdfUpgraded);
    }

    [Fact]
    public async Task An_export_the_previous_version_wrote_imports_with_its_keys()
    {
        await using var harness = await CoreHarness.StartAsync(dataDirectory: Directory.CreateDirectory(Path.Combine(_directory, "fresh")).FullName);
        var file = await File.ReadAllBytesAsync(Path.Combine(FixtureRoot, "connections.export"));

        var imported = await harness.Get<TransferService>().ImportAsync(file, ExportPassword, CancellationToken.None);

        Assert.True(imported.IsSuccess, imported.Error?.ToString());
        Assert.Equal(Keys.Select(k => k.Label).Order(), imported.Value.Added.Order());
        var views = await harness.Connections.ListAsync(vaultLockApplies: true, CancellationToken.None);
        var gate = views.Single(v => v.Connection.Exchange == ExchangeId.Gate).Connection;
        var opened = await harness.Get<StoredKeys>().OpenAsync(gate, CancellationToken.None);
        Assert.True(opened.IsSuccess, opened.Error?.ToString());
        using var credentials = opened.Value;
        Assert.Equal(Keys[3].Secret, credentials.Secret.ToString());
    }

    [Fact]
    public async Task Diagnoses_key_facts_and_alerts_recorded_in_english_and_chinese_read_translated_where_the_text_is_known_and_as_recorded_otherwise()
    {
        await using var harness = await CoreHarness.StartAsync(createVault: false, dataDirectory: CopyFixture(RecordedTextsRoot));
        var japanese = CultureInfo.GetCultureInfo("ja");
        var korean = CultureInfo.GetCultureInfo("ko");
        var traditional = CultureInfo.GetCultureInfo("zh-Hant");
        var english = CultureInfo.GetCultureInfo("en");
        var exchangeTexts = TextCatalog.Find("Keyfolio.Exchanges.Resources.Texts")!;
        var bybitTexts = TextCatalog.Find("Keyfolio.Exchanges.Bybit.Texts")!;

        var views = await harness.Connections.ListAsync(vaultLockApplies: false, CancellationToken.None);
        var bitfinex = views.Single(v => v.Connection.Label == "Bitfinex main").Connection;
        var gate = views.Single(v => v.Connection.Label == "Gate main").Connection;
        var bybit = views.Single(v => v.Connection.Label == "Bybit expiring in 3 days").Connection;

        // A refused connection's diagnosis and fix, and Bybit's expiry rule, in the languages the previous version only showed in English.
        Assert.Equal(exchangeTexts.Of("TheExchangeDoesNotRecognise").For(japanese), bitfinex.LastCheckDiagnosis!.Explanation.For(japanese));
        Assert.NotEqual(bitfinex.LastCheckDiagnosis.Explanation.For(english), bitfinex.LastCheckDiagnosis.Explanation.For(japanese));
        Assert.NotEqual(bitfinex.LastCheckDiagnosis.Fix.For(english), bitfinex.LastCheckDiagnosis.Fix.For(japanese));
        Assert.Equal(exchangeTexts.Of("TheKeyWorksButLacks").For(korean), gate.LastSyncDiagnosis!.Explanation.For(korean));
        Assert.Equal(bybitTexts.Of("BybitInvalidatesAKeyThat2").For(traditional), bybit.Facts!.Expiry!.Rule.For(traditional));
        Assert.StartsWith("The key works but lacks the right", gate.LastSyncDiagnosis.Explanation.For(english), StringComparison.Ordinal);

        // The alerts' fixes are texts of their own and read translated; their messages have translated texts inside
        // (the status, "in 3 days"), which two strings cannot tell apart, so they read as recorded.
        var alerts = (await harness.Get<AlertMonitor>().ListAsync(500, false, CancellationToken.None)).Where(a => a.Type is AlertType.KeyFailing or AlertType.KeyExpiring).ToList();
        Assert.Equal(3, alerts.Count);
        Assert.All(alerts, a => Assert.NotEqual(a.Fix.For(english), a.Fix.For(korean)));
        Assert.All(alerts, a => Assert.Equal(a.Message.For(english), a.Message.For(japanese)));
        var failing = alerts.Single(a => a.ConnectionLabel == "Bitfinex main");
        Assert.StartsWith("\"Bitfinex main\" (Bitfinex): Invalid key.", failing.Message.For(english), StringComparison.Ordinal);
        Assert.StartsWith("“Bitfinex main”（Bitfinex）：密钥无效。", failing.Message.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_with_texts_recorded_in_english_and_chinese_imports_and_its_texts_read_as_recorded()
    {
        await using var harness = await CoreHarness.StartAsync(dataDirectory: Directory.CreateDirectory(Path.Combine(_directory, "fresh")).FullName);
        var file = await File.ReadAllBytesAsync(Path.Combine(RecordedTextsRoot, "connections.export"));

        var imported = await harness.Get<TransferService>().ImportAsync(file, RecordedTextsExportPassword, CancellationToken.None);

        Assert.True(imported.IsSuccess, imported.Error?.ToString());
        Assert.Equal(["Bitfinex main", "Bybit expiring in 3 days", "Gate main"], imported.Value.Added.Order(StringComparer.Ordinal));
        var bybit = (await harness.Connections.GetAsync("Bybit expiring in 3 days", vaultLockApplies: false, CancellationToken.None))!.Connection;
        Assert.StartsWith("Bybit invalidates a key that is not bound", bybit.Facts!.Expiry!.Rule.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.StartsWith("Bybit 会使未绑定 IP 地址的密钥", bybit.Facts.Expiry.Rule.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string FixtureRoot => Path.Combine(AppContext.BaseDirectory, "TestData", "previous-version");

    private static string RecordedTextsRoot => Path.Combine(AppContext.BaseDirectory, "TestData", "recorded-texts");

    /// <summary>A copy of the fixture with the modes a data directory has on disk (git keeps none).</summary>
    private string CopyFixture(string? root = null)
    {
        var source = Path.Combine(root ?? FixtureRoot, "data");
        var target = Path.Combine(_directory, "data");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            foreach (var directory in Directory.EnumerateDirectories(target, "*", SearchOption.AllDirectories).Append(target))
            {
                File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return target;
    }
}
