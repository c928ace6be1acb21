using System.Text;
using Keyfolio.Core.FastConnect;
using Keyfolio.Core.Status;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Exchanges;
using Keyfolio.Testing;
using Keyfolio.Vault.Audit;

namespace Keyfolio.Core.Tests.FastConnect;

public sealed class OkxFastConnectServiceTests
{
    private const string Session = "session-1";
    private static readonly Uri OwnCallback = new("http://127.0.0.1:5080/connections/okx/callback");

    [Fact]
    public async Task Without_settings_fast_connect_is_unavailable_and_names_each_missing_setting()
    {
        await using var harness = await CoreHarness.StartAsync();
        var service = harness.Get<OkxFastConnectService>();

        var availability = await service.CheckAsync(OwnCallback, CancellationToken.None);
        var begun = await service.BeginAsync(Session, "OKX fast", OwnCallback, CancellationToken.None);

        Assert.False(availability.IsAvailable);
        Assert.Equal(["ClientId", "ClientSecret"], availability.Problems.Select(p => p.Setting));
        Assert.Equal(CoreErrorKind.BadInput, begun.Error?.Kind);
        Assert.Equal("ClientId", begun.Error?.Field);
    }

    [Fact]
    public async Task The_configured_client_is_used_until_the_person_saves_one_on_settings_whose_values_then_win()
    {
        await using var harness = await CoreHarness.StartAsync(configureOptions: options => options.FastConnect = new FastConnectDefaults
        {
            ClientId = "configured-client",
            KeyLabel = "Configured label",
            RedirectUri = new Uri("https://keyfolio.example.org/connect/okx/callback"),
        });
        var service = harness.Get<OkxFastConnectService>();

        var configured = await service.GetSettingsAsync(CancellationToken.None);
        var availability = await service.CheckAsync(OwnCallback, CancellationToken.None);
        var saved = await service.SaveSettingsAsync(configured with { ClientId = "saved-client", RedirectUri = null }, CancellationToken.None);

        Assert.Equal(("configured-client", "Configured label"), (configured.ClientId, configured.KeyLabel));
        Assert.Equal(new Uri("https://keyfolio.example.org/connect/okx/callback"), configured.RedirectUri);
        Assert.Equal(new OkxFastConnectSettings().AuthorizeUrl, configured.AuthorizeUrl);
        Assert.Equal(["ClientSecret"], availability.Problems.Select(p => p.Setting));
        Assert.True(saved.IsSuccess, saved.Error?.ToString());
        Assert.Equal("saved-client", saved.Value!.ClientId);
        Assert.Null(saved.Value.RedirectUri);
        Assert.Equal("saved-client", (await service.GetSettingsAsync(CancellationToken.None)).ClientId);
    }

    [Fact]
    public async Task Approving_on_the_consent_page_creates_a_read_only_key_stored_verified_and_audited()
    {
        await using var harness = await CoreHarness.StartAsync();
        var service = await ConfigureAsync(harness);
        using var consent = new ConsentBrowser();

        var begun = await service.BeginAsync(Session, "OKX fast", OwnCallback, CancellationToken.None);
        var callback = await consent.ClickAsync(begun.Value!, "approve");
        var completed = await service.CompleteAsync(Session, callback.Query, CancellationToken.None);

        Assert.True(completed.IsSuccess, completed.Error?.ToString());
        var view = completed.Value;
        Assert.Equal(ConnectionStatusCode.Connected, view.Status.Code);
        Assert.Equal(ExchangeId.Okx, view.Connection.Exchange);
        Assert.False(view.Connection.Facts!.CanTrade);
        Assert.False(view.Connection.Facts.CanWithdraw);
        var user = harness.Config.OkxOAuth!.User;
        var expected = user.Balances.Sum(b => (b.Free + b.Locked) * harness.Config.Prices[b.Asset]);
        Assert.Equal(expected, view.TotalUsd);
        var calls = (await harness.Audit.ReadNewestAsync(50, null, CancellationToken.None)).Where(e => e.Action == AuditAction.ExchangeCall).Select(e => e.Endpoint).ToList();
        Assert.Contains("okx POST /v5/users/oauth/token", calls);
        Assert.Contains("okx POST /api/v5/users/oauth/apikey", calls);
        Assert.True((await harness.Audit.VerifyAsync(CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task A_callback_with_another_state_is_refused_and_the_flow_cannot_be_reused()
    {
        await using var harness = await CoreHarness.StartAsync();
        var service = await ConfigureAsync(harness);
        using var consent = new ConsentBrowser();
        var begun = await service.BeginAsync(Session, "OKX fast", OwnCallback, CancellationToken.None);
        var callback = await consent.ClickAsync(begun.Value!, "approve");
        var forged = callback.Query.Replace("state=", "state=x", StringComparison.Ordinal);

        var refused = await service.CompleteAsync(Session, forged, CancellationToken.None);
        var replayed = await service.CompleteAsync(Session, callback.Query, CancellationToken.None);

        Assert.Equal(DiagnosisCategory.AuthorizationInvalid, refused.Error?.Diagnosis?.Category);
        Assert.Equal("state", replayed.Error?.Field);
        Assert.Empty(await harness.Connections.ListAsync(false, CancellationToken.None));
    }

    [Fact]
    public async Task Another_session_cannot_complete_the_flow()
    {
        await using var harness = await CoreHarness.StartAsync();
        var service = await ConfigureAsync(harness);
        using var consent = new ConsentBrowser();
        var begun = await service.BeginAsync(Session, "OKX fast", OwnCallback, CancellationToken.None);
        var callback = await consent.ClickAsync(begun.Value!, "approve");

        var other = await service.CompleteAsync("session-2", callback.Query, CancellationToken.None);

        Assert.Equal("state", other.Error?.Field);
        Assert.Empty(await harness.Connections.ListAsync(false, CancellationToken.None));
    }

    [Fact]
    public async Task Denying_on_the_consent_page_reports_the_denial()
    {
        await using var harness = await CoreHarness.StartAsync();
        var service = await ConfigureAsync(harness);
        using var consent = new ConsentBrowser();
        var begun = await service.BeginAsync(Session, "OKX fast", OwnCallback, CancellationToken.None);
        var callback = await consent.ClickAsync(begun.Value!, "deny");

        var denied = await service.CompleteAsync(Session, callback.Query, CancellationToken.None);

        Assert.Equal(DiagnosisCategory.AuthorizationDenied, denied.Error?.Diagnosis?.Category);
    }

    [Fact]
    public async Task A_label_already_in_use_is_refused_before_going_to_okx()
    {
        await using var harness = await CoreHarness.StartAsync();
        var service = await ConfigureAsync(harness);
        await harness.AddAsync("OKX main");

        var begun = await service.BeginAsync(Session, "okx MAIN", OwnCallback, CancellationToken.None);

        Assert.Equal(CoreErrorKind.DuplicateLabel, begun.Error?.Kind);
    }

    [Fact]
    public async Task The_client_secret_is_stored_encrypted_never_read_back_and_not_imported_elsewhere()
    {
        await using var harness = await CoreHarness.StartAsync();
        var service = await ConfigureAsync(harness);
        await harness.AddAsync("Gate main");
        var secret = harness.Config.OkxOAuth!.Clients[0].ClientSecret;

        var settings = await service.GetSettingsAsync(CancellationToken.None);
        var database = await File.ReadAllBytesAsync(harness.Database.FilePath);
        var file = await harness.Transfer.ExportAsync(CoreHarness.Password, "export-granite-meadow-17", CancellationToken.None);
        await using var other = await CoreHarness.StartAsync();
        var imported = await other.Transfer.ImportAsync(file.Value!, "export-granite-meadow-17", CancellationToken.None);

        Assert.True(settings.ClientSecretStored);
        Assert.DoesNotContain(secret, Encoding.UTF8.GetString(database), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, settings.ToString(), StringComparison.Ordinal);
        Assert.True(imported.IsSuccess, imported.Error?.ToString());
        Assert.Equal(["Gate main"], imported.Value.Added);
        Assert.False((await other.Get<OkxFastConnectService>().GetSettingsAsync(CancellationToken.None)).ClientSecretStored);
    }

    [Fact]
    public async Task Storing_the_client_secret_needs_the_vault_unlocked_and_removing_it_makes_fast_connect_unavailable()
    {
        await using var harness = await CoreHarness.StartAsync();
        var service = await ConfigureAsync(harness);
        await harness.Vault.LockAsync();

        var whileLocked = await service.StoreClientSecretAsync("another-secret", CancellationToken.None);
        await harness.Vault.UnlockAsync(CoreHarness.Password, CancellationToken.None);
        var removed = await service.RemoveClientSecretAsync(CancellationToken.None);
        var availability = await service.CheckAsync(OwnCallback, CancellationToken.None);

        Assert.Equal(CoreErrorKind.VaultLocked, whileLocked.Error?.Kind);
        Assert.True(removed.IsSuccess);
        Assert.Equal(["ClientSecret"], availability.Problems.Select(p => p.Setting));
    }

    private static async Task<OkxFastConnectService> ConfigureAsync(CoreHarness harness)
    {
        var service = harness.Get<OkxFastConnectService>();
        var client = harness.Config.OkxOAuth!.Clients[0];
        var okx = harness.Simulator.BaseUrl("okx");
        var saved = await service.SaveSettingsAsync(
            new OkxFastConnectSettings
            {
                ClientId = client.ClientId,
                AuthorizeUrl = new Uri(okx, "/account/oauth/authorize"),
                ApiBaseUrl = okx,
            },
            CancellationToken.None);
        Assert.True(saved.IsSuccess, saved.Error?.ToString());
        var stored = await service.StoreClientSecretAsync(client.ClientSecret, CancellationToken.None);
        Assert.True(stored.IsSuccess, stored.Error?.ToString());
        Assert.True((await service.CheckAsync(OwnCallback, CancellationToken.None)).IsAvailable);
        return service;
    }
}
