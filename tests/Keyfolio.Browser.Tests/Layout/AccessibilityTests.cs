using System.Text.Json;
using Keyfolio.Browser.Tests.Harness;
using Keyfolio.Core.Connections;

namespace Keyfolio.Browser.Tests.Layout;

/// <summary>
/// axe-core (npm <c>axe-core</c>, installed by the test into a cache folder outside the repository:
/// <c>KEYFOLIO_AXE_DIR</c>, else <c>~/.cache/keyfolio-tests/axe-core</c>) with the WCAG 2.0/2.1 A and AA rules, and the rules that every landmark is unique, finds no
/// violation on any page, at a desktop and a phone width, in English and in Chinese, with every sample account connected.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserApp app)
{
    private const string AxeVersion = "4.11.0";

    private static readonly int[] Widths = [1280, 390];

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task Axe_finds_no_wcag_a_or_aa_violation_on_any_page_at_either_width(string locale)
    {
        var axe = await File.ReadAllTextAsync(await AxeAsync());
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, [.. app.SimulatorConfig.Accounts.Select(a => a.Label!)]);
        var views = await keyfolio.Service<ConnectionService>().ListAsync(false, CancellationToken.None);
        string Id(string label) => views.Single(v => v.Connection.Label == label).Connection.Id;
        var pages = new[]
        {
            "/exchanges?view=cards", "/exchanges?view=list&group=exchange", "/connections/new", "/connections/new/okx", "/connections/new/htx", "/connections/new/bittrex",
            "/connections/" + Id("Binance withdraw-enabled"), "/connections/" + Id("wrong-passphrase"), $"/connections/{Id("OKX main")}/replace", $"/connections/{Id("wrong-passphrase")}/correct/passphrase",
            "/portfolio", "/health", "/activity", "/settings", "/audit-log", "/notifications", "/settings/password", "/settings/transfer",
        };
        await using var watched = await keyfolio.OpenUnlockedAsync(app, locale);
        // An init script runs outside the page's Content-Security-Policy, as axe must.
        await watched.Context.AddInitScriptAsync(axe);
        var page = watched.Page;
        var violations = new List<string>();

        async Task CheckAsync(string path, int width)
        {
            await watched.GotoAsync(path);
            var json = await page.EvaluateAsync<string>(
                "async () => JSON.stringify((await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, rules: { 'landmark-unique': { enabled: true }, 'landmark-no-duplicate-main': { enabled: true }, 'landmark-no-duplicate-banner': { enabled: true }, 'landmark-no-duplicate-contentinfo': { enabled: true } }, resultTypes: ['violations'] })).violations"
                + ".map(v => ({ id: v.id, nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n').slice(1, 2).join('')) })))");
            using var document = JsonDocument.Parse(json);
            foreach (var violation in document.RootElement.EnumerateArray())
            {
                var nodes = violation.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()).ToList();
                violations.Add($"{path} at {width} px: {violation.GetProperty("id").GetString()} on {nodes.Count} nodes: {string.Join(" | ", nodes.Take(3))}");
            }
        }

        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            foreach (var path in pages)
            {
                await CheckAsync(path, width);
            }
        }

        await page.Locator("#lock-button").ClickAsync();
        await watched.WaitForPageAsync("**/unlock?locked=1");
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            await CheckAsync("/unlock", width);
        }

        Assert.True(violations.Count == 0, "axe found:\n" + string.Join("\n", violations));
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task The_keyboard_alone_reaches_every_control_of_my_exchanges_with_its_focus_visible_and_opens_and_closes_a_status_popover()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "Binance main", "OKX IP-locked");
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        await watched.GotoAsync("/exchanges");

        // Tab through the page: each stop is a visible control with a visible focus ring, and the badge's button is among them.
        var reachedBadge = false;
        var stops = await page.EvaluateAsync<int>("() => document.querySelectorAll('a[href], button:not([disabled]), input:not([type=hidden]), select, [tabindex=\"0\"]').length");
        for (var i = 0; i < stops + 2; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<string[]>(
                "() => { const e = document.activeElement; const s = getComputedStyle(e); const r = e.getBoundingClientRect(); return [e.tagName + '.' + e.className, s.outlineStyle, s.outlineWidth, String(r.width > 0 && r.height > 0), String(e.matches(':focus-visible'))]; }");
            if (focus[0].StartsWith("BODY", StringComparison.Ordinal))
            {
                continue;
            }

            Assert.True(focus[4] == "true" && focus[1] != "none" && focus[2] != "0px" && focus[3] == "true", "Focus is not visible on " + string.Join(" ", focus));
            reachedBadge |= focus[0].Contains("badge--button", StringComparison.Ordinal);
            if (focus[0].Contains("badge--button", StringComparison.Ordinal))
            {
                await page.Keyboard.PressAsync("Enter");
                Assert.Equal(1, await page.Locator(".popover:popover-open").CountAsync());
                await page.Keyboard.PressAsync("Escape");
                Assert.Equal(0, await page.Locator(".popover:popover-open").CountAsync());
            }
        }

        Assert.True(reachedBadge, "Tab never reached a status badge.");
        watched.AssertNoProblems();
    }

    private static async Task<string> AxeAsync()
    {
        var folder = Environment.GetEnvironmentVariable("KEYFOLIO_AXE_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "keyfolio-tests", "axe-core");
        var script = Path.Combine(folder, "node_modules", "axe-core", "axe.min.js");
        var installedVersion = Path.Combine(folder, "node_modules", "axe-core", "package.json");
        if (!File.Exists(script) || !(await File.ReadAllTextAsync(installedVersion)).Contains("\"version\": \"" + AxeVersion + "\"", StringComparison.Ordinal))
        {
            Directory.CreateDirectory(folder);
            var info = new System.Diagnostics.ProcessStartInfo("npm") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "install", "--prefix", folder, "--no-audit", "--no-fund", "axe-core@" + AxeVersion })
            {
                info.ArgumentList.Add(argument);
            }

            System.Diagnostics.Process process;
            try
            {
                process = System.Diagnostics.Process.Start(info)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new InvalidOperationException("This test needs Node.js and npm to install axe-core into " + folder + "; install them (Debian: apt-get install nodejs npm), or install axe-core there yourself.");
            }

            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                await process.WaitForExitAsync(timeout.Token);
                Assert.True(process.ExitCode == 0 && File.Exists(script), "npm could not install axe-core " + AxeVersion + " into " + folder + ":\n" + await output + await error);
            }
        }

        return script;
    }
}
