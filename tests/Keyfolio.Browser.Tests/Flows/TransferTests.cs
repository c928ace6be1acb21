using Keyfolio.Browser.Tests.Harness;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Flows;

/// <summary>Export and import from Settings: an encrypted file downloaded once, then imported without overwriting anything.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TransferTests(BrowserApp app)
{
    private const string ExportPassword = "copper-meadow-signal-93";

    [Fact]
    public async Task An_export_downloads_once_and_importing_it_adds_only_the_connection_that_is_missing()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "Binance main", "Gate main");
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        await watched.GotoAsync("/settings");
        await watched.ClickAndWaitForPageAsync(page.Locator("#transfer-open"));

        await page.Locator("#export-master").FillAsync(KeyfolioInstance.Password);
        await page.Locator("#export-password").FillAsync(ExportPassword);
        await page.Locator("#export-confirm").FillAsync(ExportPassword);
        await watched.ClickAndWaitForPageAsync(page.Locator("#export-submit"));
        var link = await page.Locator("#export-download").GetAttributeAsync("href");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-download").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), "keyfolio-browser-" + Guid.NewGuid().ToString("N") + ".kfx");
        await download.SaveAsAsync(file);
        var bytes = await File.ReadAllBytesAsync(file);
        var again = await page.APIRequest.GetAsync(keyfolio.BaseAddress + link!.TrimStart('/'), new APIRequestContextOptions { MaxRedirects = 0 });

        var gate = await keyfolio.Service<ConnectionService>().GetAsync("Gate main", vaultLockApplies: false, CancellationToken.None);
        Assert.NotNull(gate);
        var removed = await keyfolio.Service<RemoveConnectionCommand>().RemoveAsync(gate.Connection.Id, deleteHistory: false, CancellationToken.None);
        Assert.True(removed.IsSuccess, removed.Error?.ToString());
        await watched.GotoAsync("/settings/transfer");
        await page.Locator("#import-file").SetInputFilesAsync(file);
        await page.Locator("#import-password").FillAsync(ExportPassword);
        await watched.ClickAndWaitForPageAsync(page.Locator("#import-submit"));
        var result = await page.Locator("#import-result").InnerTextAsync();
        var added = await page.Locator("#import-added").InnerTextAsync();
        File.Delete(file);

        Assert.EndsWith(".kfx", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.True(bytes.Length > 100, bytes.Length + " bytes");
        foreach (var label in new[] { "Binance main", "Gate main" })
        {
            var account = app.SimulatorConfig.Accounts.Single(a => a.Label == label);
            Assert.True(bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(account.Secret)) < 0, "The export holds a secret in clear.");
        }

        Assert.Equal(302, again.Status);
        Assert.Equal("1 connection(s) added, 1 skipped as already connected.", result);
        Assert.Equal("Gate main", added);
        var labels = (await keyfolio.Service<ConnectionService>().ListAsync(false, CancellationToken.None)).Select(v => v.Connection.Label).Order(StringComparer.Ordinal);
        Assert.Equal(["Binance main", "Gate main"], labels);
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task A_wrong_master_password_or_different_export_passwords_are_refused_and_nothing_is_offered()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "Binance main");
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        await watched.GotoAsync("/settings/transfer");

        await page.Locator("#export-master").FillAsync(KeyfolioInstance.Password);
        await page.Locator("#export-password").FillAsync(ExportPassword);
        await page.Locator("#export-confirm").FillAsync(ExportPassword + "x");
        await page.Locator("#export-confirm").EvaluateAsync("e => e.form.noValidate = true");
        await watched.ClickAndWaitForPageAsync(page.Locator("#export-submit"));
        var mismatch = await page.Locator("#export-error").InnerTextAsync();
        await page.Locator("#export-master").FillAsync("not-the-master-password");
        await page.Locator("#export-password").FillAsync(ExportPassword);
        await page.Locator("#export-confirm").FillAsync(ExportPassword);
        await watched.ClickAndWaitForPageAsync(page.Locator("#export-submit"));
        var wrong = await page.Locator("#export-error").InnerTextAsync();

        Assert.Contains("not the same", mismatch, StringComparison.Ordinal);
        Assert.Contains("password", wrong, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await page.Locator("#export-download").CountAsync());
        watched.AssertNoProblems();
    }
}
