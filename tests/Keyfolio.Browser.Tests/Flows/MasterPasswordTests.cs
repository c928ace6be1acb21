using Keyfolio.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Flows;

[Collection(BrowserCollection.Name)]
public sealed class MasterPasswordTests(BrowserApp app)
{
    [Fact]
    public async Task Choosing_a_password_says_what_is_wrong_as_it_is_typed_and_rejected_choices_never_lock_the_form()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await using var watched = await app.OpenPageAsync(keyfolio.BaseAddress);
        var page = watched.Page;
        await watched.GotoAsync("/setup");
        var problem = page.Locator("#setup-password-problem");

        await page.Locator("#setup-password").FillAsync("short");
        var tooShort = await problem.InnerTextAsync();
        await page.Locator("#setup-password").FillAsync("a much longer passphrase");
        await page.Locator("#setup-confirm").FillAsync("a much longer passphrasf");
        var mismatch = await problem.InnerTextAsync();
        var urlBeforeSubmit = page.Url;
        await page.Locator("#setup-submit").ClickAsync();
        var stillHere = page.Url;
        await page.Locator("#setup-confirm").FillAsync("a much longer passphrase");
        var matched = await problem.IsVisibleAsync();

        // A common password and a trivial pattern are named as they are typed, and the form is not sent.
        await page.Locator("#setup-password").FillAsync("Password1!");
        await page.Locator("#setup-confirm").FillAsync("Password1!");
        await Assertions.Expect(problem).ToContainTextAsync("most common passwords");
        var commonLive = await problem.InnerTextAsync();
        await page.Locator("#setup-submit").ClickAsync();
        var notSent = page.Url;
        await page.Locator("#setup-password").FillAsync("abcabcabcabc");
        var trivialLive = await problem.InnerTextAsync();

        // Six choices the server refuses (common passwords), sent with the page's own checks switched off as a script
        // without them would: each says why, none counts as an attempt.
        var refusals = new List<string>();
        for (var choice = 1; choice <= 6; choice++)
        {
            await page.Locator("#setup-password").FillAsync("password" + choice + "!");
            await page.Locator("#setup-confirm").FillAsync("password" + choice + "!");
            await page.EvaluateAsync("() => { const form = document.querySelector('#setup-submit').form; form.noValidate = true; }");
            await watched.ClickAndWaitForPageAsync(page.Locator("#setup-submit"));
            refusals.Add(await page.Locator("main").InnerTextAsync());
        }

        await page.Locator("#setup-password").FillAsync(KeyfolioInstance.Password);
        await page.Locator("#setup-confirm").FillAsync(KeyfolioInstance.Password);
        await watched.ClickAndWaitForPageAsync(page.Locator("#setup-submit"));

        Assert.Contains("Too short: 5 characters", tooShort, StringComparison.Ordinal);
        Assert.Contains("not the same", mismatch, StringComparison.Ordinal);
        Assert.Equal(urlBeforeSubmit, stillHere);
        Assert.False(matched);
        Assert.Contains("One of the most common passwords", commonLive, StringComparison.Ordinal);
        Assert.Equal(urlBeforeSubmit, notSent);
        Assert.Contains("A trivial pattern", trivialLive, StringComparison.Ordinal);
        Assert.All(refusals, text =>
        {
            Assert.Contains("most common passwords", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Too many attempts", text, StringComparison.Ordinal);
        });
        Assert.True(await page.Locator("#recovery-key").IsVisibleAsync());
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task After_four_wrong_passwords_unlock_shows_one_countdown_keeps_the_button_disabled_and_then_takes_the_right_password()
    {
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig);
        await using var watched = await app.OpenPageAsync(keyfolio.BaseAddress);
        var page = watched.Page;
        await watched.GotoAsync("/unlock");

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            // The click waits until the button is enabled again, which the countdown does when the wait ends.
            await page.Locator("#unlock-password").FillAsync("not-the-password-" + attempt);
            await watched.ClickAndWaitForPageAsync(page.Locator("#unlock-submit"));
        }

        var waits = await page.Locator("[data-attempt-wait]").CountAsync();
        var notice = await page.Locator("[data-attempt-wait]").InnerTextAsync();
        var error = await page.Locator("#unlock-error").InnerTextAsync();
        var disabledDuringWait = await page.Locator("#unlock-submit").IsDisabledAsync();
        await page.Locator("#unlock-password").FillAsync(KeyfolioInstance.Password);
        await page.Locator("[data-attempt-wait]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
        var enabledAfterWait = await page.Locator("#unlock-submit").IsEnabledAsync();
        await page.Locator("#unlock-submit").ClickAsync();
        await watched.WaitForPageAsync("**/exchanges");

        Assert.Equal(1, waits);
        Assert.Matches(@"the next attempt can be made in \d+ s\.", notice);
        Assert.DoesNotContain("minute", notice, StringComparison.Ordinal);
        Assert.Contains("The master password is wrong.", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" s.", error, StringComparison.Ordinal);
        Assert.True(disabledDuringWait);
        Assert.True(enabledAfterWait);
        Assert.Equal(0, await page.Locator("#throttled").CountAsync());
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task The_master_password_is_changed_from_settings_the_session_goes_on_and_only_the_new_password_unlocks()
    {
        const string NewPassword = "amber-quarry-lighthouse-77";
        await using var keyfolio = await app.StartKeyfolioAsync();
        await keyfolio.SeedAsync(app.SimulatorConfig, "Binance main");
        await using var watched = await keyfolio.OpenUnlockedAsync(app);
        var page = watched.Page;
        await watched.GotoAsync("/settings");
        await watched.ClickAndWaitForPageAsync(page.Locator("#passwd-open"));

        await page.Locator("#passwd-current").FillAsync("not-the-current-password");
        await page.Locator("#passwd-new").FillAsync(NewPassword);
        await page.Locator("#passwd-confirm").FillAsync(NewPassword);
        await watched.ClickAndWaitForPageAsync(page.Locator("#passwd-submit"));
        var wrongCurrent = await page.Locator("#passwd-error").InnerTextAsync();
        var typedBack = await page.Locator("#passwd-current").InputValueAsync();

        await page.Locator("#passwd-current").FillAsync(KeyfolioInstance.Password);
        await page.Locator("#passwd-new").FillAsync(NewPassword);
        await page.Locator("#passwd-confirm").FillAsync(NewPassword);
        await watched.ClickAndWaitForPageAsync(page.Locator("#passwd-submit"));
        await watched.WaitForPageAsync("**/settings");
        var changed = await page.Locator("#password-changed").InnerTextAsync();
        await watched.GotoAsync("/exchanges");
        var stillSignedIn = page.Url;
        await page.Locator("[data-live-state=open]").WaitForAsync();
        var vault = keyfolio.Service<Keyfolio.Core.Access.VaultAccess>();
        await vault.LockAsync();
        var old = await vault.UnlockAsync(KeyfolioInstance.Password, CancellationToken.None);
        var renewed = await vault.UnlockAsync(NewPassword, CancellationToken.None);

        Assert.Contains("password", wrongCurrent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(string.Empty, typedBack);
        Assert.Contains("The master password is changed", changed, StringComparison.Ordinal);
        Assert.EndsWith("/exchanges", stillSignedIn, StringComparison.Ordinal);
        Assert.False(old.IsSuccess);
        Assert.True(renewed.IsSuccess, renewed.Error?.ToString());
        Assert.Contains(await keyfolio.Service<Keyfolio.Core.Audit.AuditTrail>().ReadNewestAsync(50, null, CancellationToken.None), e => e.Action == Keyfolio.Vault.Audit.AuditAction.PasswordChanged);
        watched.AssertNoProblems();
    }

    /// <summary>The page's check of a new password gives the server's answer on the common and trivial rules, for the
    /// same list: every sample the server refuses as common or trivial the page refuses too, and the others it lets through.</summary>
    [Fact]
    public async Task The_page_checks_common_and_trivial_passwords_as_the_server_does()
    {
        string[] samples =
        [
            "password", "Password1!", "p@ssw0rd", "P4$$w0rd!!", "123456789", "qwertyuiop", "POIUYTREWQ", "iloveyou",
            "!!dragon2024", "letmein99", "sunshine", "abcabcabcabc", "aaaaaaaa", "abcdefghij", "98765432", "zyxwvuts",
            "1qaz2wsx3edc", "azertyuiop", "violet-harbour-lantern-42", "correct horse battery", "Tr0ub4dor&3x",
            "keyfolio-demo-lantern", "mañana-tarde-azul", "ЖжЖжЖжЖжЖж", "abab1234abab", "monkey!!!", "$$$football$$$",
        ];
        await using var keyfolio = await app.StartKeyfolioAsync();
        await using var watched = await app.OpenPageAsync(keyfolio.BaseAddress);
        await watched.GotoAsync("/setup");

        var verdicts = await watched.Page.EvaluateAsync<string[]>(
            """
            async samples => {
              const rules = await import('/js/password-rules.js');
              const list = new Set((await (await fetch('/password-rules/common.txt')).text()).split('\n').filter(l => l.length > 0));
              return samples.map(s => {
                const lower = s.normalize('NFC').toLowerCase();
                return rules.isCommon(lower, list) ? 'Common' : rules.isTrivialPattern(lower) ? 'TrivialPattern' : 'none';
              });
            }
            """,
            samples);

        var server = samples.Select(sample => Keyfolio.Vault.Passwords.PasswordPolicy.Check(sample) switch
        {
            Keyfolio.Vault.Passwords.PasswordProblem.Common => "Common",
            Keyfolio.Vault.Passwords.PasswordProblem.TrivialPattern => "TrivialPattern",
            _ => "none",
        });
        Assert.Equal(server.Zip(samples, (verdict, sample) => sample + ": " + verdict), verdicts.Zip(samples, (verdict, sample) => sample + ": " + verdict));
        Assert.Contains("Common", verdicts);
        Assert.Contains("TrivialPattern", verdicts);
        Assert.Contains("none", verdicts);
        watched.AssertNoProblems();
    }
}
