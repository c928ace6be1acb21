using Keyfolio.Core.Audit;
using Keyfolio.Vault.Audit;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Pages;

/// <summary>
/// A refused form answers 303 to its own page with a one-time form id, so a reload reads the page instead of posting the
/// form again; the page shows the refusal and the values typed that are no secret, and the same id read again shows it
/// clean.
/// </summary>
public sealed class RefusedFormRedirectTests : IDisposable
{
    private const string ApiKey = "Kq7TnV2xLp9RwZ4mYb6HcJ3sDf8GkA1uEi5Oo0NrQt2VyXw7PzLm4BnCs9Ud3Fh6";
    private const string Secret = "Sx4Vb8Nm2Qw6Er0Ty3Ui7Op1As5Df9Gh4Jk8Lz2Xc6Vb0Nm3Qw7Er1Ty5Ui9Op2A";
    private const string NewPassword = "amber-falcon-meadow-93";
    private const string OtherPassword = "amber-falcon-meadow-94";

    private readonly KeyfolioWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_refused_connect_form_is_sent_back_with_the_typed_fields_and_without_the_secret()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        var refused = await RefusedPage.SubmitAsync(client, "/connections/new/binance", "connect", ConnectFields(), Secret);

        Assert.Contains("id=\"connect-error\"", refused.Page, StringComparison.Ordinal);
        Assert.Contains("value=\"Binance refused\"", refused.Page, StringComparison.Ordinal);
        Assert.Contains("value=\"" + ApiKey + "\"", refused.Page, StringComparison.Ordinal);
        Assert.Contains("value=\"http://exchange.example/api\"", refused.Page, StringComparison.Ordinal);
        Assert.Contains("Type the secret again", refused.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"connect-error\"", refused.Again, StringComparison.Ordinal);
        Assert.DoesNotContain("Binance refused", refused.Again, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, refused.Again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_address_a_refusal_is_kept_under_after_it_is_read_shows_it_again_once()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        var refused = await RefusedPage.SubmitAsync(client, "/connections/new/binance", "connect", ConnectFields(), Secret);
        Assert.NotNull(refused.Renewed);
        var reloaded = await client.GetStringAsync(refused.Renewed);
        var again = await client.GetStringAsync(refused.Renewed);

        Assert.Matches("^/connections/new/binance\\?form=[0-9a-f]{32}$", refused.Renewed);
        Assert.NotEqual(refused.Location, refused.Renewed);
        Assert.Contains("id=\"connect-error\"", reloaded, StringComparison.Ordinal);
        Assert.Contains("value=\"Binance refused\"", reloaded, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"connect-error\"", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_password_change_is_sent_back_asking_for_every_password_again()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        var refused = await RefusedPage.SubmitAsync(client, "/settings/password", "passwd", Fields(("Form.Current", KeyfolioWebFactory.Password), ("Form.Password", NewPassword), ("Form.Confirm", OtherPassword)), KeyfolioWebFactory.Password, NewPassword, OtherPassword);

        Assert.Contains("id=\"passwd-error\"", refused.Page, StringComparison.Ordinal);
        Assert.Contains("The two new passwords are not the same.", refused.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"passwd-error\"", refused.Again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_setup_is_sent_back_with_the_recovery_key_choice_and_without_the_passwords()
    {
        using var client = _factory.CreateBrowserLikeClient();

        // The recovery key left unchecked: the page sent back shows it so; read again, offered as at first.
        var refused = await RefusedPage.SubmitAsync(client, "/setup", "setup", Fields(("Form.Password", NewPassword), ("Form.Confirm", OtherPassword)), NewPassword, OtherPassword);

        Assert.Contains("id=\"setup-error\"", refused.Page, StringComparison.Ordinal);
        Assert.Contains("The two passwords are not the same.", refused.Page, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.WithRecoveryKey\" value=\"true\" id=\"setup-recovery\"", refused.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"setup-error\"", refused.Again, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.WithRecoveryKey\" value=\"true\" checked id=\"setup-recovery\"", refused.Again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_unlock_is_sent_back_with_the_return_address_and_counted_once()
    {
        await _factory.EnsureVaultAsync();
        using var client = _factory.CreateBrowserLikeClient();
        var before = await CountUnlockFailuresAsync();

        var refused = await RefusedPage.SubmitAsync(client, "/unlock", "unlock", Fields(("Form.Password", OtherPassword), ("Form.ReturnUrl", "/settings")), OtherPassword);

        Assert.Contains("id=\"unlock-error\"", refused.Page, StringComparison.Ordinal);
        Assert.Contains("The master password is wrong.", refused.Page, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.ReturnUrl\" value=\"/settings\"", refused.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"unlock-error\"", refused.Again, StringComparison.Ordinal);
        // Reading the page it was sent back to is no attempt: one wrong password, one failure audited.
        Assert.Equal(before + 1, await CountUnlockFailuresAsync());
    }

    [Fact]
    public async Task A_refused_recovery_is_sent_back_without_the_key_or_the_passwords()
    {
        await _factory.EnsureVaultAsync();
        using var client = _factory.CreateBrowserLikeClient();
        const string RecoveryKey = "QWERT-YUIOP-ASDFG-HJKLZ-XCVBN-M2345-67QWE-RTYUI";

        var refused = await RefusedPage.SubmitAsync(client, "/recover", "recover", Fields(("Form.RecoveryKey", RecoveryKey), ("Form.Password", NewPassword), ("Form.Confirm", OtherPassword)), RecoveryKey, NewPassword, OtherPassword);

        Assert.Contains("id=\"recover-error\"", refused.Page, StringComparison.Ordinal);
        Assert.Contains("The two passwords are not the same.", refused.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"recover-error\"", refused.Again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_export_is_sent_back_without_the_passwords()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        var refused = await RefusedPage.SubmitAsync(client, "/settings/transfer", "export", Fields(("Export.Master", KeyfolioWebFactory.Password), ("Export.Password", NewPassword), ("Export.Confirm", OtherPassword)), KeyfolioWebFactory.Password, NewPassword, OtherPassword);

        Assert.Contains("id=\"export-error\"", refused.Page, StringComparison.Ordinal);
        Assert.Contains("The two export passwords are not the same.", refused.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"export-error\"", refused.Again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_import_is_sent_back_without_the_password()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        var refused = await RefusedPage.SubmitAsync(client, "/settings/transfer", "import", Fields(("Import.Password", NewPassword)), NewPassword);

        Assert.Contains("id=\"import-error\"", refused.Page, StringComparison.Ordinal);
        Assert.Contains("Choose the export file and type its export password.", refused.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"import-error\"", refused.Again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_settings_are_sent_back_naming_what_was_wrong_on_their_card()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        var preferences = await RefusedPage.SubmitAsync(client, "/settings", "preferences", Fields(("Preferences.SyncMinutes", "0"), ("Preferences.IdleMinutes", "15"), ("Preferences.AbsoluteHours", "12")));
        var zone = await RefusedPage.SubmitAsync(client, "/settings", "time-zone", Fields(("Zone.Name", "Nowhere/Atlantis")));
        var egress = await RefusedPage.SubmitAsync(client, "/settings", "egress", Fields(("Echo.Url", "ftp://echo.example"), ("Echo.Discover", "false")));
        var fast = await RefusedPage.SubmitAsync(client, "/settings", "fast-settings", Fields(("Fast.ClientId", "client-7"), ("Fast.AuthorizeUrl", "relative/authorize"), ("Fast.ClientSecret", Secret), ("Fast.Action", "save")), Secret);

        Assert.Contains("The refresh interval must be between 1 minute and 1 day.", preferences.Decoded, StringComparison.Ordinal);
        Assert.DoesNotContain("The refresh interval must be between", preferences.AgainDecoded, StringComparison.Ordinal);
        Assert.Contains("id=\"time-zone-error\"", zone.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"time-zone-error\"", zone.Again, StringComparison.Ordinal);
        Assert.Contains("The address discovery URL must be a complete https address", egress.Decoded, StringComparison.Ordinal);
        Assert.DoesNotContain("The address discovery URL must be", egress.AgainDecoded, StringComparison.Ordinal);
        Assert.Contains("AuthorizeUrl must be a complete address starting with https://.", fast.Decoded, StringComparison.Ordinal);
        Assert.Contains("<details class=\"advanced\" open>", fast.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("AuthorizeUrl must be a complete address", fast.AgainDecoded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_alert_rules_are_sent_back_with_what_was_typed()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        var refused = await RefusedPage.SubmitAsync(client, "/settings", "alert-rules", Fields(
            ("alert-event", "key.failing"), ("Rules.ExpiryDays", "7, soon"), ("Rules.UnusedDays", "40"), ("Rules.StaleHours", "12"), ("Rules.UnlockFailures", "4"),
            ("Rules.QuietFrom", "23:00"), ("Rules.QuietTo", "06:30"), ("Rules.QuietZone", "Asia/Tokyo"), ("Rules.ValueDrop", "15"), ("Rules.Figures", "true")));

        Assert.Contains("is not a number of days from 1 to 365", refused.Decoded, StringComparison.Ordinal);
        Assert.Contains("value=\"7, soon\"", refused.Page, StringComparison.Ordinal);
        Assert.Contains("id=\"alert-unused-days\" name=\"Rules.UnusedDays\" type=\"number\" min=\"1\" max=\"365\" class=\"field__input\" value=\"40\"", refused.Page, StringComparison.Ordinal);
        Assert.Contains("id=\"alert-value-drop\" name=\"Rules.ValueDrop\" type=\"number\" min=\"1\" max=\"90\" class=\"field__input\" value=\"15\"", refused.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a number of days", refused.AgainDecoded, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"7, soon\"", refused.Again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_alert_channels_are_sent_back_with_what_was_typed_but_their_secrets()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        const string Hook = "hooks.example.org/services/T0/B0/s3cr3t-path";

        var secret = await RefusedPage.SubmitAsync(client, "/settings", "alert-secret", Fields(("ChannelSecret.Channel", "email"), ("ChannelSecret.Secret", "two words"), ("ChannelSecret.Action", "store")), "two words");
        var webhook = await RefusedPage.SubmitAsync(client, "/settings", "alert-webhook", Fields(("WebhookForm.Url", Hook), ("WebhookForm.Preset", "Json"), ("WebhookForm.Action", "save")), Hook, "s3cr3t-path");
        var email = await RefusedPage.SubmitAsync(client, "/settings", "alert-email", Fields(
            ("EmailForm.Host", "smtp.example.org"), ("EmailForm.Port", "587"), ("EmailForm.Security", "StartTls"), ("EmailForm.UserName", "alerts"),
            ("EmailForm.From", "nobody"), ("EmailForm.To", "owner@example.org"), ("EmailForm.Action", "save")));

        Assert.Contains("contains spaces or line breaks", secret.Decoded, StringComparison.Ordinal);
        Assert.Contains("<option value=\"email\" selected>", secret.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("contains spaces or line breaks", secret.AgainDecoded, StringComparison.Ordinal);
        Assert.Contains("not an absolute http or https URL", webhook.Decoded, StringComparison.Ordinal);
        Assert.DoesNotContain("not an absolute http or https URL", webhook.AgainDecoded, StringComparison.Ordinal);
        Assert.Contains("The sender must be an e-mail address", email.Decoded, StringComparison.Ordinal);
        Assert.Contains("value=\"smtp.example.org\"", email.Page, StringComparison.Ordinal);
        Assert.Contains("value=\"587\"", email.Page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"StartTls\" selected>", email.Page, StringComparison.Ordinal);
        Assert.Contains("value=\"nobody\"", email.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("The sender must be an e-mail address", email.AgainDecoded, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"nobody\"", email.Again, StringComparison.Ordinal);
    }

    private static List<KeyValuePair<string, string>> ConnectFields() => Fields(
        ("Form.Label", "Binance refused"),
        ("Form.ApiKey", ApiKey),
        ("Form.Secret", Secret),
        // Not https: refused before anything is sent to an exchange.
        ("Form.ApiUrl", "http://exchange.example/api"),
        ("Form.Action", "connect"));

    private static List<KeyValuePair<string, string>> Fields(params (string Name, string Value)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))];

    private async Task<int> CountUnlockFailuresAsync() =>
        (await _factory.Service<AuditTrail>().ReadPageAsync(new AuditQuery { Action = AuditAction.UnlockFailed, Limit = 500 }, CancellationToken.None)).Count;
}
