using System.Net;
using System.Text.RegularExpressions;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Pages;

/// <summary>A secret is never sent to the browser: not the one just typed into a refused form, not one a QR code gave.</summary>
public sealed partial class SecretNeverSentBackTests : IDisposable
{
    private const string ApiKey = "Kq7TnV2xLp9RwZ4mYb6HcJ3sDf8GkA1uEi5Oo0NrQt2VyXw7PzLm4BnCs9Ud3Fh6";
    private const string Secret = "Sx4Vb8Nm2Qw6Er0Ty3Ui7Op1As5Df9Gh4Jk8Lz2Xc6Vb0Nm3Qw7Er1Ty5Ui9Op2A";

    private readonly KeyfolioWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("en", "Type the secret again")]
    [InlineData("zh-Hans", "请再次输入密钥")]
    public async Task A_refused_connect_form_keeps_the_other_fields_and_asks_for_the_secret_again_without_sending_it(string culture, string askAgain)
    {
        using var client = await _factory.CreateSignedInClientAsync(culture);

        // An API URL that is not https: refused before anything is sent to an exchange.
        using var refused = await PageForms.SubmitAsync(client, "/connections/new/binance", "connect", new Dictionary<string, string>
        {
            ["Form.Label"] = "Binance refused",
            ["Form.ApiKey"] = ApiKey,
            ["Form.Secret"] = Secret,
            ["Form.ApiUrl"] = "http://exchange.example/api",
            ["Form.Action"] = "connect",
        });
        var html = await PageForms.FollowRefusalAsync(client, refused);

        Assert.Contains("id=\"connect-error\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret[..16], html, StringComparison.Ordinal);
        Assert.Contains("value=\"Binance refused\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"" + ApiKey + "\"", html, StringComparison.Ordinal);
        Assert.Contains(askAgain, html, StringComparison.Ordinal);
        Assert.Matches(SecretInputWithoutValue(), html);
    }

    [Fact]
    public async Task A_scanned_qr_code_fills_the_api_key_and_holds_the_secret_on_the_server()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        using var scanned = await PageForms.SubmitAsync(client, "/connections/new/gate", "connect", new Dictionary<string, string>
        {
            ["Form.Label"] = "Gate scanned",
            ["Form.QrText"] = "{\"key\":\"" + ApiKey[..32] + "\",\"secret\":\"" + Secret + "\"}",
        });
        var html = await scanned.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, scanned.StatusCode);
        Assert.DoesNotContain(Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret[..16], html, StringComparison.Ordinal);
        Assert.Contains("value=\"" + ApiKey[..32] + "\"", html, StringComparison.Ordinal);
        Assert.Matches(ScanTicket(), html);
        Assert.Contains("Read from the QR code and kept by Keyfolio", html, StringComparison.Ordinal);
    }

    /// <summary>A password input with no value, or — for a secret that may be a PEM private key (Binance's) — an empty text area.</summary>
    [GeneratedRegex("<input id=\"credential-secret\" name=\"Form.Secret\" type=\"password\" class=\"[^\"]*\"\\s+autocomplete|<textarea id=\"credential-secret\" name=\"Form.Secret\"[^>]*></textarea>")]
    private static partial Regex SecretInputWithoutValue();

    [GeneratedRegex("name=\"Form.ScanTicket\" value=\"[0-9a-f]{64}\"")]
    private static partial Regex ScanTicket();
}
