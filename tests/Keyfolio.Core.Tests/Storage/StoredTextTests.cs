using System.Globalization;
using Keyfolio.Core.Alerts;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Storage;
using Keyfolio.Exchanges;
using Microsoft.Data.Sqlite;
using static Keyfolio.Core.Tests.Support.RawSql;

namespace Keyfolio.Core.Tests.Storage;

/// <summary>
/// Texts kept in the database (diagnoses, key facts, alerts) read back whole and show in every language; texts an earlier
/// version recorded in English and Chinese only read as they were recorded, or translated once the migration recovered them.
/// </summary>
public sealed class StoredTextTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly CultureInfo[] Languages = [.. new[] { "en", "zh-Hans", "zh-Hant", "ja", "ko" }.Select(CultureInfo.GetCultureInfo)];
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja");
    private static readonly TextCatalog CoreTexts = TextCatalog.Find("Keyfolio.Core.Resources.Texts")!;
    private static readonly TextCatalog ExchangeTexts = TextCatalog.Find("Keyfolio.Exchanges.Resources.Texts")!;

    private readonly string _directory = Directory.CreateTempSubdirectory("keyfolio-texts-").FullName;

    [Fact]
    public async Task A_text_with_nested_joined_number_and_date_arguments_reads_back_the_same_in_every_language()
    {
        var database = await DatabaseAsync();
        var explanation = CoreTexts.Of("WasRefreshedMomentsAgoThe", "Gate main", new DateTimeOffset(2026, 12, 7, 16, 30, 5, TimeSpan.Zero));
        var fix = CoreTexts.Of("FellMost", LocalizedText.List([CoreTexts.Of("SubjectFellBy", "Gate main", "12.5%"), CoreTexts.Of("ExpiresInDays", 12), LocalizedText.Same("OKX")]));
        var rule = CoreTexts.Of("ExpiresInDays", 1234567.5m);
        await database.WriteAsync(
            async (connection, transaction) =>
            {
                await ConnectionRepository.InsertAsync(connection, transaction, Row("conn-1") with
                {
                    Facts = new KeyFacts { Permissions = new Dictionary<KeyPermission, PermissionState>(), Expiry = new KeyExpiry(KeyExpiryKind.Key, null, rule) },
                    LastCheckDiagnosis = new Diagnosis { Category = DiagnosisCategory.MissingPermission, Exchange = ExchangeId.Gate, Explanation = explanation, Fix = fix },
                }, None);
                await AlertRepository.InsertAsync(connection, transaction, Alert(fix, explanation), None);
            },
            None);

        var read = (await new ConnectionRepository(database).FindByIdAsync("conn-1", None))!;
        var alert = Assert.Single(await new AlertRepository(database).ListAsync(10, false, None));

        foreach (var language in Languages)
        {
            Assert.Equal(explanation.For(language), read.LastCheckDiagnosis!.Explanation.For(language));
            Assert.Equal(fix.For(language), read.LastCheckDiagnosis.Fix.For(language));
            Assert.Equal(rule.For(language), read.Facts!.Expiry!.Rule.For(language));
            Assert.Equal(fix.For(language), alert.Message.For(language));
            Assert.Equal(explanation.For(language), alert.Fix.For(language));
        }

        // An earlier Keyfolio, and a person reading the database, still find the English and the Chinese.
        var stored = await ScalarAsync(database, "SELECT last_check_diagnosis FROM connections");
        Assert.Contains("\"en\":\" Fell most:", stored, StringComparison.Ordinal);
        Assert.Contains("\"catalog\":\"Keyfolio.Core.Resources.Texts\",\"key\":\"FellMost\"", stored, StringComparison.Ordinal);
        Assert.Equal(fix.For(English), await ScalarAsync(database, "SELECT message_en FROM alerts"));
    }

    [Fact]
    public async Task A_text_recorded_in_english_and_chinese_only_reads_as_it_was_recorded()
    {
        var database = await DatabaseAsync();
        await ExecuteAsync(database, """
            INSERT INTO connections (id, label, label_key, exchange, environment, api_key_last4, key_fingerprint, withdrawal_allowed, created_at, last_check_diagnosis)
            VALUES ('conn-1', 'Old', 'OLD', 'gate', 'live', 'abcd', '0011223344556677', 0, 0,
                    '{"category":"InvalidKey","exchange":"Gate","explanation":{"en":"Words no catalog has.","zh":"没有目录的文字。"},"fix":{"en":"Do this.","zh":"这样做。"}}');
            INSERT INTO alerts (type, severity, message_en, message_zh, fix_en, fix_zh, raised_at) VALUES ('key.failing', 'critical', 'An old alert.', '旧警报。', 'Old fix.', '旧修复。', 0);
            """);

        var diagnosis = (await new ConnectionRepository(database).FindByIdAsync("conn-1", None))!.LastCheckDiagnosis!;
        var alert = Assert.Single(await new AlertRepository(database).ListAsync(10, false, None));

        Assert.Equal(("Words no catalog has.", "没有目录的文字。", "Words no catalog has."), Shown(diagnosis.Explanation));
        Assert.Equal(("An old alert.", "旧警报。", "An old alert."), Shown(alert.Message));
        Assert.Equal(("Old fix.", "旧修复。", "Old fix."), Shown(alert.Fix));
    }

    [Fact]
    public async Task A_stored_text_whose_key_or_catalog_is_no_longer_known_reads_as_its_recorded_english_and_chinese()
    {
        var database = await DatabaseAsync();
        await ExecuteAsync(database, """
            INSERT INTO connections (id, label, label_key, exchange, environment, api_key_last4, key_fingerprint, withdrawal_allowed, created_at, last_check_diagnosis)
            VALUES ('conn-1', 'Renamed', 'RENAMED', 'gate', 'live', 'abcd', '0011223344556677', 0, 0,
                    '{"category":"InvalidKey","exchange":"Gate","explanation":{"en":"A key renamed since.","zh":"已改名的键。","catalog":"Keyfolio.Core.Resources.Texts","key":"NoSuchKeyAnyMore","args":["x",{"int":3}]},"fix":{"en":"A catalog gone.","zh":"已删除的目录。","catalog":"Keyfolio.Gone.Texts","key":"Fix"}}');
            INSERT INTO alerts (type, severity, message_en, message_zh, fix_en, fix_zh, raised_at, message, fix)
            VALUES ('key.failing', 'critical', 'Arguments gone.', '参数不见了。', 'Bad type.', '类型错误。', 0,
                    '{"en":"Arguments gone.","zh":"参数不见了。","catalog":"Keyfolio.Core.Resources.Texts","key":"ExpiresInDays"}',
                    '{"en":"Bad type.","zh":"类型错误。","catalog":"Keyfolio.Core.Resources.Texts","key":"ExpiresInDays","args":[{"int":"many"}]}');
            """);

        var diagnosis = (await new ConnectionRepository(database).FindByIdAsync("conn-1", None))!.LastCheckDiagnosis!;
        var alert = Assert.Single(await new AlertRepository(database).ListAsync(10, false, None));

        Assert.Equal(("A key renamed since.", "已改名的键。", "A key renamed since."), Shown(diagnosis.Explanation));
        Assert.Equal(("A catalog gone.", "已删除的目录。", "A catalog gone."), Shown(diagnosis.Fix));
        Assert.Equal(("Arguments gone.", "参数不见了。", "Arguments gone."), Shown(alert.Message));
        Assert.Equal(("Bad type.", "类型错误。", "Bad type."), Shown(alert.Fix));
    }

    [Fact]
    public async Task Texts_the_previous_schema_recorded_in_english_and_chinese_read_translated_after_the_migration_when_one_text_matches()
    {
        var database = new KeyfolioDatabase(_directory);
        await database.MigrateAsync(None, 5);
        var unknown = ExchangeTexts.Of("TheExchangeDoesNotRecognise");
        var withArguments = CoreTexts.Of("TheKeyOfHasNot", "\"Gate main\" (Gate)", 30);
        var nested = CoreTexts.Of("TheKeyOfHasNot", CoreTexts.Of("ExpiresInDays", 3), 30);
        var diagnosis = "{\"category\":\"InvalidKey\",\"exchange\":\"Bitfinex\",\"otherPossibleCauses\":[],\"explanation\":{" + Recorded(unknown)
            + "},\"fix\":{\"en\":\"Words no catalog has.\",\"zh\":\"没有目录的文字。\"}}";
        var chinese = CultureInfo.GetCultureInfo("zh-Hans");
        await ExecuteAsync(database, $"""
            INSERT INTO connections (id, label, label_key, exchange, environment, api_key_last4, key_fingerprint, withdrawal_allowed, created_at, last_check_diagnosis)
            VALUES ('conn-1', 'Bitfinex main', 'BITFINEX MAIN', 'bitfinex', 'live', 'abcd', '0011223344556677', 0, 0, '{Sql(diagnosis)}');
            INSERT INTO alerts (type, severity, message_en, message_zh, fix_en, fix_zh, raised_at)
            VALUES ('key.unused', 'warning', '{Sql(withArguments.For(English))}', '{Sql(withArguments.For(chinese))}', '{Sql(nested.For(English))}', '{Sql(nested.For(chinese))}', 0);
            """);

        await database.MigrateAsync(None);

        var read = (await new ConnectionRepository(database).FindByIdAsync("conn-1", None))!.LastCheckDiagnosis!;
        var alert = Assert.Single(await new AlertRepository(database).ListAsync(10, false, None));
        foreach (var language in Languages)
        {
            Assert.Equal(unknown.For(language), read.Explanation.For(language));
            Assert.Equal(withArguments.For(language), alert.Message.For(language));
        }

        Assert.NotEqual(unknown.For(English), read.Explanation.For(Japanese));
        Assert.Equal(("Words no catalog has.", "没有目录的文字。", "Words no catalog has."), Shown(read.Fix));

        // A text with a translated text inside cannot be told from its two strings: it stays as it was recorded.
        Assert.Equal(nested.For(English), alert.Fix.For(Japanese));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<KeyfolioDatabase> DatabaseAsync()
    {
        var database = new KeyfolioDatabase(_directory);
        await database.MigrateAsync(None);
        return database;
    }

    private static (string En, string Zh, string Ja) Shown(LocalizedText text) =>
        (text.For(English), text.For(CultureInfo.GetCultureInfo("zh-Hans")), text.For(Japanese));

    private static string Recorded(LocalizedText text) =>
        $"\"en\":\"{Json(text.For(English))}\",\"zh\":\"{Json(text.For(CultureInfo.GetCultureInfo("zh-Hans")))}\"";

    private static string Json(string text) => text.Replace("\"", "\\\"", StringComparison.Ordinal);

    private static string Sql(string text) => text.Replace("'", "''", StringComparison.Ordinal);

    private static Connection Row(string id) => new()
    {
        Id = id,
        Label = "Gate main",
        Exchange = ExchangeId.Gate,
        ApiKeyLastFour = "abcd",
        KeyFingerprint = "0011223344556677",
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    private static AlertEvent Alert(LocalizedText message, LocalizedText fix) => new()
    {
        Type = AlertType.KeyFailing,
        Severity = AlertSeverity.Critical,
        ConnectionId = "conn-1",
        ConnectionLabel = "Gate main",
        Exchange = ExchangeId.Gate,
        Message = message,
        Fix = fix,
        At = DateTimeOffset.UnixEpoch,
    };


}
