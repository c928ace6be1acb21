using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Keyfolio.Core.Audit;
using Keyfolio.Vault.Audit;
using Keyfolio.Web.Security;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Security;

public sealed class UnlockRateLimitTests : IDisposable
{
    private readonly KeyfolioWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Sixth_api_unlock_attempt_within_a_minute_is_refused_with_retry_after_and_audited_and_the_next_minute_opens_again()
    {
        await _factory.EnsureVaultAsync();
        using var client = _factory.CreateBrowserLikeClient();

        // Each unlock starts a new session, and a token is bound to its session: the client fetches a new one.
        for (var attempt = 1; attempt <= UnlockRateLimit.PermitsPerWindow; attempt++)
        {
            using var allowed = await UnlockAsync(client, await Antiforgery.ForApiAsync(client), KeyfolioWebFactory.Password);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var entriesBefore = await CountUnlocksAsync();
        using var refused = await UnlockAsync(client, await Antiforgery.ForApiAsync(client), KeyfolioWebFactory.Password);
        var entriesAfter = await CountUnlocksAsync();
        var refusals = await RefusalsAsync("unlock: too many attempts");
        _factory.Time.Advance(UnlockRateLimit.Window);
        using var afterWindow = await UnlockAsync(client, await Antiforgery.ForApiAsync(client), KeyfolioWebFactory.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(UnlockRateLimit.Window, refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Contains("unlock attempts", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(entriesBefore + 1, entriesAfter);
        Assert.Single(refusals);
        Assert.StartsWith("web ", refusals[0].Actor, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, afterWindow.StatusCode);
    }

    [Fact]
    public async Task Requests_that_test_no_password_never_use_up_the_owners_attempts()
    {
        await _factory.EnsureVaultAsync();
        using var attacker = _factory.CreateBrowserLikeClient();
        var attackerToken = await Antiforgery.ForApiAsync(attacker);
        for (var i = 0; i < 3 * UnlockRateLimit.PermitsPerWindow; i++)
        {
            using var tokenless = await attacker.PostAsJsonAsync("/api/vault/unlock", new { password = "guess-" + i });
            using var forgedToken = await UnlockAsync(attacker, new Keyfolio.Web.Api.AntiforgeryTokenResponse("forged", attackerToken.HeaderName), "guess-" + i);
            using var noPassword = await UnlockAsync(attacker, attackerToken, string.Empty);
            using var tokenlessForm = await PageForms.PostAsync(attacker, "/unlock", "unlock", null, new Dictionary<string, string> { ["Form.Password"] = "guess-" + i });
            Assert.Equal(HttpStatusCode.BadRequest, tokenless.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, forgedToken.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, noPassword.StatusCode);
            Assert.Equal(HttpStatusCode.Found, tokenlessForm.StatusCode);
            Assert.StartsWith("/status/", tokenlessForm.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        using var owner = _factory.CreateBrowserLikeClient();
        using var unlocked = await UnlockAsync(owner, await Antiforgery.ForApiAsync(owner), KeyfolioWebFactory.Password);
        using var ownerPage = _factory.CreateBrowserLikeClient();
        using var unlockedByForm = await PageForms.SubmitAsync(ownerPage, "/unlock", "unlock", new Dictionary<string, string> { ["Form.Password"] = KeyfolioWebFactory.Password });

        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, unlockedByForm.StatusCode);
        Assert.DoesNotContain("throttled", unlockedByForm.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Empty(await RefusalsAsync("unlock: too many attempts"));
    }

    [Fact]
    public async Task Sixth_unlock_form_within_a_minute_goes_back_to_the_page_which_says_to_wait()
    {
        await _factory.EnsureVaultAsync();
        using var client = _factory.CreateBrowserLikeClient();
        var html = await client.GetStringAsync("/unlock");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = new Dictionary<string, string> { ["Form.Password"] = "not-the-password-77" };
        using var first = await PageForms.PostAsync(client, "/unlock", "unlock", WebUtility.HtmlDecode(token), form);

        // The wrong password makes the next attempt wait a second (by the test's clock); let it pass.
        _factory.Time.Advance(TimeSpan.FromSeconds(2));
        for (var attempt = 2; attempt <= UnlockRateLimit.PermitsPerWindow; attempt++)
        {
            using var anonymous = _factory.CreateBrowserLikeClient();
            using var counted = await PageForms.SubmitAsync(anonymous, "/unlock", "unlock", new Dictionary<string, string> { ["Form.Password"] = KeyfolioWebFactory.Password });
            Assert.Equal(HttpStatusCode.Redirect, counted.StatusCode);
        }

        using var refused = await PageForms.PostAsync(client, "/unlock", "unlock", WebUtility.HtmlDecode(token), form);
        var page = await client.GetStringAsync(refused.Headers.Location!.OriginalString);

        Assert.Contains("The master password is wrong", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.EndsWith("/unlock?throttled=1", refused.Headers.Location.OriginalString, StringComparison.Ordinal);
        Assert.Contains("id=\"throttled\"", page, StringComparison.Ordinal);
        Assert.Contains("too many password attempts", page, StringComparison.Ordinal);
        Assert.Single(await RefusalsAsync("unlock: too many attempts"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_audited_and_says_how_long_the_next_attempt_waits()
    {
        await _factory.EnsureVaultAsync();
        using var client = _factory.CreateBrowserLikeClient();
        var token = await Antiforgery.ForApiAsync(client);

        using var refused = await UnlockAsync(client, token, "not-the-password-77");
        using var status = await client.GetAsync("/api/vault/status");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("wrongPassword", problem.RootElement.GetProperty("kind").GetString());
        Assert.Contains("next attempt", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var failed = await _factory.Service<AuditTrail>().ReadPageAsync(new AuditQuery { Action = AuditAction.UnlockFailed }, CancellationToken.None);
        Assert.Single(failed);
        Assert.StartsWith("web ", failed[0].Actor, StringComparison.Ordinal);
        using var vault = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
        Assert.True(vault.RootElement.GetProperty("nextAttemptDelaySeconds").GetDouble() > 0);
    }

    private static async Task<HttpResponseMessage> UnlockAsync(HttpClient client, Keyfolio.Web.Api.AntiforgeryTokenResponse token, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/vault/unlock") { Content = JsonContent.Create(new { password }) };
        request.Headers.Add(token.HeaderName, token.Token);
        return await client.SendAsync(request);
    }

    private async Task<IReadOnlyList<AuditRecord>> RefusalsAsync(string outcome) =>
        [.. (await _factory.Service<AuditTrail>().ReadPageAsync(new AuditQuery { Action = AuditAction.UnlockFailed, Limit = 500 }, CancellationToken.None)).Where(e => e.Outcome == outcome)];

    private async Task<int> CountUnlocksAsync() =>
        (await _factory.Service<AuditTrail>().ReadPageAsync(new AuditQuery { Action = AuditAction.VaultUnlocked, Limit = 500 }, CancellationToken.None)).Count
        + (await _factory.Service<AuditTrail>().ReadPageAsync(new AuditQuery { Action = AuditAction.UnlockFailed, Limit = 500 }, CancellationToken.None)).Count;
}
