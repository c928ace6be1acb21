using System.Text.RegularExpressions;
using Keyfolio.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Flows;

[Collection(BrowserCollection.Name)]
public sealed partial class AddConnectionTests(BrowserApp app)
{
    [Fact]
    public async Task Create_the_vault_then_type_a_binance_key_and_it_shows_connected_with_the_right_balance()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await using var watched = await app.OpenPageAsync(keyfolio.BaseAddress);
        var page = watched.Page;
        var account = app.SimulatorConfig.Accounts.Single(a => a.Label == "Binance main");

        await watched.GotoAsync("/");
        await page.Locator("#create-vault").ClickAsync();
        await page.Locator("#setup-password").FillAsync("amber-quarry-lantern-58");
        await page.Locator("#setup-confirm").FillAsync("amber-quarry-lantern-58");
        await page.Locator("#setup-submit").ClickAsync();
        var recoveryKey = await page.Locator("#recovery-key").InnerTextAsync();
        await page.Locator("#recovery-done").ClickAsync();
        await page.Locator("a[data-exchange='binance']").ClickAsync();
        await watched.WaitUntilEnhancedAsync();
        await page.Locator("#connect-label").FillAsync("Binance main");
        await page.Locator("#credential-apiKey").FillAsync(account.ApiKey);
        await page.Locator("#credential-secret").FillAsync(account.Secret[..40]);
        await page.Locator("#credential-secret").BlurAsync();
        var tooShort = await page.Locator("[data-format-message-for='credential-secret']").InnerTextAsync();
        await page.Locator("#connect-submit").ClickAsync();
        var stillHere = page.Url;
        await page.Locator("#credential-secret").FillAsync(account.Secret);
        await page.Locator("#credential-secret").BlurAsync();
        var formatOk = await page.Locator("[data-format-message-for='credential-secret']").InnerTextAsync();
        await page.Locator("#connect-submit").ClickAsync();
        await watched.WaitForPageAsync(new Regex("/connections/conn-[0-9a-f]+\\?added=1$"));
        var result = await page.Locator("#added-result").InnerTextAsync();
        await watched.GotoAsync("/exchanges");
        var card = page.Locator("li[data-connection-id]", new PageLocatorOptions { HasText = "Binance main" });

        Assert.Matches(RecoveryKeyPattern(), recoveryKey);
        Assert.StartsWith("Secret Key should be 64 letters and digits", tooShort, StringComparison.Ordinal);
        Assert.EndsWith("/connections/new/binance", stillHere, StringComparison.Ordinal);
        Assert.Equal("Format looks right.", formatOk);
        Assert.Contains("Binance main is connected", result, StringComparison.Ordinal);
        Assert.Contains("$54,493.75", result, StringComparison.Ordinal);
        Assert.Equal("connected", await card.Locator("article").GetAttributeAsync("data-status"));
        Assert.Equal("$54,493.75", await card.Locator(".connection-card__total").InnerTextAsync());
        Assert.Equal("Connected", (await card.Locator(".badge").First.InnerTextAsync()).Trim(' ', '?', '\n'));
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task A_binance_ed25519_private_key_typed_into_the_secret_text_area_connects_and_its_public_key_is_refused()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "Binance main");
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        var account = app.SimulatorConfig.Accounts.Single(a => a.Label == "Binance Ed25519 key");

        await watched.GotoAsync("/connections/new/binance");
        await page.Locator("#connect-label").FillAsync("Binance Ed25519 typed");
        await page.Locator("#credential-apiKey").FillAsync(account.ApiKey);
        await page.Locator("#credential-secret").FillAsync("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGUIKv9dSpWXBViXp2m6vAIb8QMFJYBgyFEQsFJlqgA0=\n-----END PUBLIC KEY-----");
        await page.Locator("#credential-secret").BlurAsync();
        var publicKey = await page.Locator("[data-format-message-for='credential-secret']").InnerTextAsync();
        await page.Locator("#credential-secret").FillAsync(account.Secret);
        await page.Locator("#credential-secret").BlurAsync();
        var formatOk = await page.Locator("[data-format-message-for='credential-secret']").InnerTextAsync();
        var tag = await page.Locator("#credential-secret").EvaluateAsync<string>("e => e.tagName");
        await page.Locator("#connect-submit").ClickAsync();
        await watched.WaitForPageAsync(new Regex("/connections/conn-[0-9a-f]+\\?added=1$"));
        var result = await page.Locator("#added-result").InnerTextAsync();

        Assert.Equal("TEXTAREA", tag);
        Assert.Contains("BEGIN PRIVATE KEY", publicKey, StringComparison.Ordinal);
        Assert.Equal("Format looks right.", formatOk);
        Assert.Contains("Binance Ed25519 typed is connected", result, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", await page.ContentAsync(), StringComparison.Ordinal);
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task An_okx_key_with_a_wrong_passphrase_shows_the_diagnosis_in_english_and_after_switching_in_chinese()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig);
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        var account = app.SimulatorConfig.Accounts.Single(a => a.Label == "OKX main");

        async Task<string> ConnectWithWrongPassphraseAsync()
        {
            await watched.GotoAsync("/connections/new/okx");
            await page.Locator("#connect-label").FillAsync("OKX main");
            await page.Locator("#credential-apiKey").FillAsync(account.ApiKey);
            await page.Locator("#credential-secret").FillAsync(account.Secret);
            await page.Locator("#credential-passphrase").FillAsync("Wrong-Pass9!");
            await page.Locator("#connect-submit").ClickAsync();
            return await page.Locator("#connect-error").InnerTextAsync();
        }

        var english = await ConnectWithWrongPassphraseAsync();
        await page.Locator(".language-switch__option[lang='zh-Hans']").First.ClickAsync();
        await watched.WaitUntilEnhancedAsync();
        var chinese = await ConnectWithWrongPassphraseAsync();

        Assert.Contains("The exchange refused the key", english, StringComparison.Ordinal);
        Assert.Contains("the passphrase is not the one chosen when the key was created", english, StringComparison.Ordinal);
        Assert.Contains("50105", english, StringComparison.Ordinal);
        Assert.Contains("Enter the Passphrase you chose when creating this V5 API key", english, StringComparison.Ordinal);
        Assert.Contains("交易所拒绝了此密钥", chinese, StringComparison.Ordinal);
        Assert.Contains("密码短语与创建该密钥时设置的不一致", chinese, StringComparison.Ordinal);
        Assert.Contains("请输入创建此 V5 API Key 时设置的 Passphrase", chinese, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await page.Locator("#credential-passphrase").InputValueAsync());
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task Uploading_the_keys_qr_image_fills_the_api_key_holds_the_secret_on_the_server_and_the_key_connects()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig);
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        var account = app.SimulatorConfig.Accounts.Single(a => a.Label == "Gate main");
        await watched.GotoAsync("/connections/new/gate");

        var summary = await UploadQrAsync(page, account);
        await watched.WaitUntilEnhancedAsync();
        var filledKey = await page.Locator("#credential-apiKey").InputValueAsync();
        var filledSecret = await page.Locator("#credential-secret").InputValueAsync();
        var secretHint = await page.Locator("#credential-secret-hint").InnerTextAsync();
        var html = await page.ContentAsync();
        await page.Locator("#connect-label").FillAsync("Gate scanned");
        await page.Locator("#connect-submit").ClickAsync();
        await watched.WaitForPageAsync(new Regex("/connections/conn-[0-9a-f]+\\?added=1$"));

        Assert.Equal("Found the API key and the secret.", summary);
        Assert.Equal(account.ApiKey, filledKey);
        Assert.Equal(string.Empty, filledSecret);
        Assert.StartsWith("Read from the QR code and kept by Keyfolio", secretHint, StringComparison.Ordinal);
        Assert.DoesNotContain(account.Secret, html, StringComparison.Ordinal);
        Assert.Contains("Gate scanned is connected", await page.Locator("#added-result").InnerTextAsync(), StringComparison.Ordinal);
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task A_qr_code_of_another_exchanges_key_is_not_shown_as_found_but_named_for_what_it_looks_like()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig);
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        var gate = app.SimulatorConfig.Accounts.Single(a => a.Label == "Gate main");
        await watched.GotoAsync("/connections/new/kraken");

        var summary = await UploadQrAsync(page, gate);
        var notice = await page.Locator(".notice:has(#qr-summary)").GetAttributeAsync("class");

        Assert.Contains("looks like a key from", summary, StringComparison.Ordinal);
        Assert.Contains("Gate", summary, StringComparison.Ordinal);
        Assert.Contains("not from Kraken", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Found", summary, StringComparison.Ordinal);
        Assert.Contains("tone-warning", notice, StringComparison.Ordinal);
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task Adding_while_the_exchange_is_down_says_nothing_was_saved_and_keeps_what_was_typed_but_the_secret()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "OKX main");
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        var gate = app.SimulatorConfig.Accounts.Single(a => a.Label == "Gate main");
        await watched.GotoAsync("/connections/new/gate");
        await page.Locator("#connect-label").FillAsync("Gate while down");
        await page.Locator("#credential-apiKey").FillAsync(gate.ApiKey);
        await page.Locator("#credential-secret").FillAsync(gate.Secret);

        app.Simulator.Control.SetFault(new Keyfolio.Simulator.SimulatorFault { Exchange = "gate", ApiKeys = [gate.ApiKey], ErrorRate = 1 });
        string error;
        try
        {
            await page.Locator("#connect-submit").ClickAsync();
            error = await page.Locator("#connect-error").InnerTextAsync();
        }
        finally
        {
            app.Simulator.Control.ClearFaults("gate");
        }

        Assert.Contains("Nothing was saved. Try again", error, StringComparison.Ordinal);
        Assert.DoesNotContain("keeps the last balances", error, StringComparison.Ordinal);
        Assert.Equal("Gate while down", await page.Locator("#connect-label").InputValueAsync());
        Assert.Equal(gate.ApiKey, await page.Locator("#credential-apiKey").InputValueAsync());
        Assert.Equal(string.Empty, await page.Locator("#credential-secret").InputValueAsync());
        Assert.DoesNotContain(gate.Secret, await page.ContentAsync(), StringComparison.Ordinal);
        watched.AssertNoProblems();
    }

    /// <summary>Uploads the QR image of the account's key (as its exchange shows it: JSON with key and secret) and returns what the page says it found.</summary>
    private static async Task<string> UploadQrAsync(IPage page, Keyfolio.Simulator.SimulatorAccount account)
    {
        await page.Locator("[data-qr-file]").SetInputFilesAsync(new FilePayload
        {
            Name = "key.png",
            MimeType = "image/png",
            Buffer = QrImages.Png($"{{\"key\":\"{account.ApiKey}\",\"secret\":\"{account.Secret}\"}}"),
        });
        return await page.Locator("#qr-summary").InnerTextAsync();
    }

    [GeneratedRegex("^([A-Z2-7]{5}-){7}[A-Z2-7]{5}$")]
    private static partial Regex RecoveryKeyPattern();

    [Fact]
    public async Task A_label_over_the_limit_is_refused_with_its_length_and_kept_whole_in_the_form()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "OKX main");
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        var account = app.SimulatorConfig.Accounts.Single(a => a.Label == "Binance main");
        var label = "Binance " + new string('x', 122);

        await watched.GotoAsync("/connections/new/binance");
        await page.Locator("#connect-label").FillAsync(label);
        await page.Locator("#credential-apiKey").FillAsync(account.ApiKey);
        await page.Locator("#credential-secret").FillAsync(account.Secret);
        await page.Locator("#connect-submit").ClickAsync();
        var error = await page.Locator("#connect-error").InnerTextAsync();

        Assert.Contains("130 characters long; it may have at most 100", error, StringComparison.Ordinal);
        Assert.Contains("Shorten it by 30 characters", error, StringComparison.Ordinal);
        Assert.Equal(label, await page.Locator("#connect-label").InputValueAsync());
        // Sent back to the page with the refusal's id, so a reload does not post the key again.
        Assert.Matches("/connections/new/binance\\?form=[0-9a-f]{32}$", page.Url);
        watched.AssertNoProblems();
    }
}
