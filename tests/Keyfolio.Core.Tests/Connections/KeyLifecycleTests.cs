using System.Globalization;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Status;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Tests.Connections;

public sealed class KeyLifecycleTests
{
    [Fact]
    public async Task Replacing_with_a_good_key_swaps_it_and_keeps_the_history()
    {
        await using var harness = await CoreHarness.StartAsync();
        var before = await harness.AddAsync("Binance main");
        using var replacement = harness.CredentialsOf("Binance trading right lapses");

        var replaced = await harness.Get<ReplaceKeyCommand>().ReplaceAsync(new ReplaceKeyRequest(await harness.IdOfAsync("Binance main"), replacement), CancellationToken.None);

        Assert.True(replaced.IsSuccess, replaced.Error?.ToString());
        Assert.Equal(before.Connection.Id, replaced.Value.View.Connection.Id);
        Assert.Equal(replacement.LastFour, replaced.Value.View.Connection.ApiKeyLastFour);
        Assert.NotNull(replaced.Value.View.Connection.KeyReplacedAt);
        Assert.False(replaced.Value.SameKey);
        var history = await harness.Portfolio.GetHistoryAsync(DateTimeOffset.MinValue, CancellationToken.None);
        Assert.Equal(2, history.Count);
    }

    [Fact]
    public async Task Replacing_with_the_key_already_stored_is_reported_as_the_same_key()
    {
        await using var harness = await CoreHarness.StartAsync();
        var before = await harness.AddAsync("Binance main");
        using var same = harness.CredentialsOf("Binance main");

        var replaced = await harness.Get<ReplaceKeyCommand>().ReplaceAsync(new ReplaceKeyRequest(await harness.IdOfAsync("Binance main"), same), CancellationToken.None);

        Assert.True(replaced.IsSuccess, replaced.Error?.ToString());
        Assert.True(replaced.Value.SameKey);
        Assert.Equal(before.Connection.KeyFingerprint, replaced.Value.View.Connection.KeyFingerprint);
    }

    [Fact]
    public async Task Replacing_with_a_bad_key_keeps_the_old_key_untouched()
    {
        await using var harness = await CoreHarness.StartAsync();
        var before = await harness.AddAsync("OKX main");
        var account = harness.Account("OKX main");
        using var wrong = new KeyCredentials(account.ApiKey, account.Secret, "Wrong-Pass9!");

        var refused = await harness.Get<ReplaceKeyCommand>().ReplaceAsync(new ReplaceKeyRequest(await harness.IdOfAsync("OKX main"), wrong), CancellationToken.None);
        var checkedAgain = await harness.Get<CheckConnectionCommand>().CheckAsync(await harness.IdOfAsync("OKX main"), CancellationToken.None);

        Assert.Equal(DiagnosisCategory.WrongPassphrase, refused.Error?.Diagnosis?.Category);
        Assert.Equal(ConnectionStatusCode.Connected, checkedAgain.Value!.Status.Code);
        Assert.Equal(before.Connection.KeyFingerprint, checkedAgain.Value.Connection.KeyFingerprint);
    }

    [Fact]
    public async Task Replacing_while_the_exchange_does_not_answer_says_the_connection_keeps_its_key()
    {
        await using var harness = await CoreHarness.StartAsync();
        var before = await harness.AddAsync("Gate main");
        harness.Simulator.Control.SetFault(new Keyfolio.Simulator.SimulatorFault { Exchange = "gate", Maintenance = true });
        using var same = harness.CredentialsOf("Gate main");

        var refused = await harness.Get<ReplaceKeyCommand>().ReplaceAsync(new ReplaceKeyRequest(await harness.IdOfAsync("Gate main"), same), CancellationToken.None);

        Assert.Equal(CoreErrorKind.ExchangeUnavailable, refused.Error?.Kind);
        Assert.StartsWith("Nothing was changed: the connection keeps its current key.", refused.Error!.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        var after = (await harness.Connections.ListAsync(vaultLockApplies: false, CancellationToken.None)).Single();
        Assert.Equal(before.Connection.KeyFingerprint, after.Connection.KeyFingerprint);
    }

    [Fact]
    public async Task Removing_keeps_the_history_unless_asked_and_reminds_to_delete_the_key_on_the_exchange()
    {
        await using var harness = await CoreHarness.StartAsync();
        var gate = await harness.AddAsync("Gate main");
        await harness.AddAsync("HTX main");

        var kept = await harness.Get<RemoveConnectionCommand>().RemoveAsync(await harness.IdOfAsync("Gate main"), deleteHistory: false, CancellationToken.None);
        var purged = await harness.Get<RemoveConnectionCommand>().RemoveAsync(await harness.IdOfAsync("htx MAIN"), deleteHistory: true, CancellationToken.None);

        Assert.Contains("gate", kept.Value!.ApiManagementPage.Host, StringComparison.Ordinal);
        Assert.Contains(kept.Value.ApiManagementPage.ToString(), kept.Value.Reminder.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.True(purged.Value!.HistoryDeleted);
        Assert.Empty(await harness.Connections.ListAsync(false, CancellationToken.None));
        Assert.Null(await new Keyfolio.Core.Storage.DatabaseVaultStore(harness.Database).ReadCredentialAsync(gate.Connection.Id, CancellationToken.None));
        Assert.Equal(1L, await harness.CountAsync("SELECT COUNT(*) FROM snapshots WHERE connection_id = $id", gate.Connection.Id));
        Assert.Equal(0L, await harness.CountAsync("SELECT COUNT(*) FROM connections WHERE label = $id", "HTX main"));
        var reAdded = await harness.AddAsync("Gate main");
        Assert.Equal(ConnectionStatusCode.Connected, reAdded.Status.Code);
    }

    [Fact]
    public async Task Check_reads_the_facts_again_and_shows_a_revoked_key()
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.AddAsync("Bitfinex main");
        harness.Simulator.Control.RevokeKey("bitfinex", harness.Account("Bitfinex main").ApiKey);

        var result = await harness.Get<CheckConnectionCommand>().CheckAsync(await harness.IdOfAsync("Bitfinex main"), CancellationToken.None);

        Assert.Equal(ConnectionStatusCode.InvalidKey, result.Value!.Status.Code);
        Assert.True(result.Value.IsStale);
        Assert.NotNull(result.Value.Latest);
    }

    [Fact]
    public async Task Export_then_import_into_a_new_vault_restores_every_connection_and_skips_duplicates()
    {
        await using var source = await CoreHarness.StartAsync();
        await source.AddAsync("Gate main");
        await source.AddAsync("Bittrex main");
        var file = await source.Transfer.ExportAsync(CoreHarness.Password, "export-granite-meadow-17", CancellationToken.None);
        Assert.True(file.IsSuccess, file.Error?.ToString());

        await using var target = await CoreHarness.StartAsync();
        await target.AddAsync("Gate main");
        var imported = await target.Transfer.ImportAsync(file.Value, "export-granite-meadow-17", CancellationToken.None);
        var wrongPassword = await target.Transfer.ImportAsync(file.Value, "not-the-export-password", CancellationToken.None);

        Assert.Equal(["Bittrex main"], imported.Value!.Added);
        Assert.Equal(["Gate main"], imported.Value.SkippedAsDuplicates);
        Assert.Equal(CoreErrorKind.WrongPassword, wrongPassword.Error?.Kind);
        var check = await target.Get<CheckConnectionCommand>().CheckAsync(await target.IdOfAsync("Bittrex main"), CancellationToken.None);
        Assert.Equal(ConnectionStatusCode.Connected, check.Value!.Status.Code);
    }
}
