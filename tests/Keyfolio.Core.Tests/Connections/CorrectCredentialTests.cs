using System.Globalization;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Vault.Audit;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Status;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Tests.Connections;

/// <summary>
/// Correcting one field of a stored key — the passphrase the exchange says is wrong, or the secret — without typing
/// the key and secret again: verified over real HTTP to the simulator before it is kept, nothing changed otherwise.
/// </summary>
public sealed class CorrectCredentialTests
{
    private static async Task<string> StoredAsync(CoreHarness harness, string label, Func<KeyCredentials, string> part)
    {
        var connection = (await harness.Connections.GetAsync(label, vaultLockApplies: false, CancellationToken.None))!.Connection;
        var opened = await harness.Get<StoredKeys>().OpenAsync(connection, CancellationToken.None);
        Assert.True(opened.IsSuccess, opened.Error?.ToString());
        using var credentials = opened.Value;
        return part(credentials);
    }

    [Fact]
    public async Task A_wrong_passphrase_is_corrected_alone_after_the_exchange_accepts_it_and_a_wrong_correction_changes_nothing()
    {
        await using var harness = await CoreHarness.StartAsync();
        var account = harness.Account("OKX main");
        using var typedWrong = new KeyCredentials(account.ApiKey, account.Secret, "Not-" + account.Passphrase);
        var added = await harness.AddAsync("OKX main", r => r with { Credentials = typedWrong, KeepWhenRefused = true });
        Assert.Equal(DiagnosisCategory.WrongPassphrase, added.Connection.LatestDiagnosis?.Category);
        var secret = await StoredAsync(harness, "OKX main", c => c.Secret.ToString());

        var wrong = await harness.Get<CorrectCredentialCommand>().CorrectAsync(await harness.IdOfAsync("OKX main"), CredentialFieldKind.Passphrase, "Still-Wrong-1!".AsMemory(), CancellationToken.None);

        Assert.Equal(CoreErrorKind.VerificationFailed, wrong.Error?.Kind);
        Assert.Equal(DiagnosisCategory.WrongPassphrase, wrong.Error!.Diagnosis?.Category);
        Assert.Equal("Not-" + account.Passphrase, await StoredAsync(harness, "OKX main", c => c.Passphrase.ToString()));

        var corrected = await harness.Get<CorrectCredentialCommand>().CorrectAsync(await harness.IdOfAsync("OKX main"), CredentialFieldKind.Passphrase, account.Passphrase.AsMemory(), CancellationToken.None);

        Assert.True(corrected.IsSuccess, corrected.Error?.ToString());
        Assert.Equal(added.Connection.Id, corrected.Value.View.Connection.Id);
        Assert.Equal(ConnectionStatusCode.Connected, corrected.Value.View.Status.Code);
        Assert.Equal(account.Passphrase, await StoredAsync(harness, "OKX main", c => c.Passphrase.ToString()));
        Assert.Equal(secret, await StoredAsync(harness, "OKX main", c => c.Secret.ToString()));
        Assert.Equal(account.ApiKey, await StoredAsync(harness, "OKX main", c => c.ApiKey));
        var audited = await harness.Audit.ReadNewestAsync(5, null, CancellationToken.None);
        Assert.Contains(audited, e => e.Action == AuditAction.CredentialReplaced);
        var refreshed = await harness.Sync.RefreshAsync(added.Connection.Id, CancellationToken.None);
        Assert.Equal(Keyfolio.Core.Sync.RefreshResult.Refreshed, refreshed.Result);
    }

    [Fact]
    public async Task A_secret_is_corrected_alone_keeping_the_key()
    {
        await using var harness = await CoreHarness.StartAsync();
        var account = harness.Account("Gate main");
        using var typedWrong = new KeyCredentials(account.ApiKey, new string([.. account.Secret.Reverse()]));
        var added = await harness.AddAsync("Gate main", r => r with { Credentials = typedWrong, KeepWhenRefused = true });
        Assert.NotNull(added.Connection.LatestDiagnosis);

        var corrected = await harness.Get<CorrectCredentialCommand>().CorrectAsync(await harness.IdOfAsync("Gate main"), CredentialFieldKind.Secret, account.Secret.AsMemory(), CancellationToken.None);

        Assert.True(corrected.IsSuccess, corrected.Error?.ToString());
        Assert.Equal(ConnectionStatusCode.Connected, corrected.Value.View.Status.Code);
        Assert.Equal(account.Secret, await StoredAsync(harness, "Gate main", c => c.Secret.ToString()));
        Assert.Equal(account.ApiKey, await StoredAsync(harness, "Gate main", c => c.ApiKey));
    }

    [Fact]
    public async Task The_api_key_or_a_field_the_exchange_has_not_is_not_corrected_and_nothing_is_called()
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.AddAsync("Gate main");
        harness.Simulator.Control.ResetCounters("gate");

        var key = await harness.Get<CorrectCredentialCommand>().CorrectAsync(await harness.IdOfAsync("Gate main"), CredentialFieldKind.ApiKey, "another".AsMemory(), CancellationToken.None);
        var passphrase = await harness.Get<CorrectCredentialCommand>().CorrectAsync(await harness.IdOfAsync("Gate main"), CredentialFieldKind.Passphrase, "Some-Pass1!".AsMemory(), CancellationToken.None);
        var missing = await harness.Get<CorrectCredentialCommand>().CorrectAsync(await harness.IdOfAsync("Nobody"), CredentialFieldKind.Secret, "x".AsMemory(), CancellationToken.None);
        var malformed = await harness.Get<CorrectCredentialCommand>().CorrectAsync(await harness.IdOfAsync("Gate main"), CredentialFieldKind.Secret, "short".AsMemory(), CancellationToken.None);

        Assert.Equal((CoreErrorKind.BadInput, "field"), (key.Error?.Kind, key.Error?.Field));
        Assert.Equal((CoreErrorKind.BadInput, "field"), (passphrase.Error?.Kind, passphrase.Error?.Field));
        Assert.Contains("Gate", passphrase.Error!.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Equal(CoreErrorKind.ConnectionNotFound, missing.Error?.Kind);
        Assert.Equal((CoreErrorKind.BadInput, "secret"), (malformed.Error?.Kind, malformed.Error?.Field));
        Assert.Equal(0, harness.Simulator.Control.GetCounters("gate").Requests);
    }
}
