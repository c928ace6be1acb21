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
    public async Task Sixth_wrong_api_unlock_within_a_minute_is_refused_with_retry_after_and_audited_and_the_next_minute_opens_again()
    {
        await _factory.EnsureVaultAsync();
        using var client = _factory.CreateBrowserLikeClient();

        // Each unlock starts a new session, and a token is bound to its session: the client fetches a new one.
        for (var attempt = 1; attempt <= UnlockRateLimit.PermitsPerWindow; attempt++)
        {
            await PassVaultDelayAsync();
            using var wrong = await UnlockAsync(client, await Antiforgery.ForApiAsync(client), "not-the-password-" + attempt);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var entriesBefore = await CountUnlocksAsync();
        var started = _factory.Time.GetUtcNow();
        using var refused = await UnlockAsync(client, await Antiforgery.ForApiAsync(client), KeyfolioWebFactory.Password);
        var entriesAfter = await CountUnlocksAsync();
        var refusals = await RefusalsAsync("unlock: too many attempts");
        _factory.Time.Advance(refused.Headers.RetryAfter!.Delta!.Value);
        using var afterWindow = await UnlockAsync(client, await Antiforgery.ForApiAsync(client), KeyfolioWebFactory.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter.Delta!.Value, TimeSpan.FromSeconds(1), UnlockRateLimit.Window);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("unlock attempts", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(UnlockRateLimit.TooManyKind, problem.RootElement.GetProperty("kind").GetString());
        Assert.Contains("Retry-After", problem.RootElement.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Equal(started + refused.Headers.RetryAfter.Delta.Value, problem.RootElement.GetProperty("retryAt").GetDateTimeOffset());
        Assert.Equal(entriesBefore + 1, entriesAfter);
        Assert.Single(refusals);
        Assert.StartsWith("web ", refusals[0].Actor, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, afterWindow.StatusCode);
        Assert.True(_factory.Time.GetUtcNow() - started <= UnlockRateLimit.Window);
    }

    [Fact]
    public async Task Right_passwords_never_count_towards_the_limit()
    {
        await _factory.EnsureVaultAsync();
        using var client = _factory.CreateBrowserLikeClient();

        for (var attempt = 1; attempt <= 3 * UnlockRateLimit.PermitsPerWindow; attempt++)
        {
            using var allowed = await UnlockAsync(client, await Antiforgery.ForApiAsync(client), KeyfolioWebFactory.Password);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        for (var attempt = 1; attempt < UnlockRateLimit.PermitsPerWindow; attempt++)
        {
            await PassVaultDelayAsync();
            using var wrong = await UnlockAsync(client, await Antiforgery.ForApiAsync(client), "not-the-password-" + attempt);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        await PassVaultDelayAsync();
        using var right = await UnlockAsync(client, await Antiforgery.ForApiAsync(client), KeyfolioWebFactory.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Empty(await RefusalsAsync("unlock: too many attempts"));
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
    public async Task Sixth_wrong_unlock_form_within_a_minute_goes_back_to_the_page_which_counts_down_one_wait_and_then_takes_the_right_password()
    {
        await _factory.EnsureVaultAsync();
        using var client = _factory.CreateBrowserLikeClient();
        var html = await client.GetStringAsync("/unlock");
        var token = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
        var form = new Dictionary<string, string> { ["Form.Password"] = "not-the-password-77" };
        using var first = await PageForms.PostAsync(client, "/unlock", "unlock", token, form);
        var firstPage = await PageForms.FollowRefusalAsync(client, first);
        for (var attempt = 2; attempt <= UnlockRateLimit.PermitsPerWindow; attempt++)
        {
            await PassVaultDelayAsync();
            using var counted = await PageForms.PostAsync(client, "/unlock", "unlock", token, form);
            Assert.Equal(HttpStatusCode.SeeOther, counted.StatusCode);
        }

        await PassVaultDelayAsync();
        using var refused = await PageForms.PostAsync(client, "/unlock", "unlock", token, form);
        var page = await client.GetStringAsync(refused.Headers.Location!.OriginalString);
        var waits = System.Text.RegularExpressions.Regex.Matches(page, "data-attempt-wait").Count;
        var retryAt = DateTimeOffset.Parse(WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "data-retry-at=\"([^\"]+)\"").Groups[1].Value), System.Globalization.CultureInfo.InvariantCulture);
        _factory.Time.Advance(retryAt - _factory.Time.GetUtcNow());
        var afterWait = await client.GetStringAsync("/unlock");
        using var right = await PageForms.PostAsync(client, "/unlock", "unlock", token, new Dictionary<string, string> { ["Form.Password"] = KeyfolioWebFactory.Password });

        Assert.Contains("The master password is wrong.", firstPage, StringComparison.Ordinal);
        Assert.DoesNotContain("The next attempt can be made in", System.Text.RegularExpressions.Regex.Match(firstPage, "id=\"unlock-error\".*?</div>", System.Text.RegularExpressions.RegexOptions.Singleline).Value, StringComparison.Ordinal);
        Assert.Contains("id=\"attempt-wait\"", firstPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.EndsWith("/unlock?throttled=1", refused.Headers.Location.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1, waits);
        Assert.Contains("id=\"throttled\"", page, StringComparison.Ordinal);
        Assert.Contains("too many wrong password attempts", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Wait a minute", page, StringComparison.Ordinal);
        Assert.Matches("id=\"unlock-submit\"[^>]*disabled", page);
        Assert.DoesNotContain("data-attempt-wait", afterWait, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.DoesNotContain("throttled", right.Headers.Location!.OriginalString, StringComparison.Ordinal);
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

    /// <summary>Lets the vault's growing delay after the last wrong password run out, by the test's clock.</summary>
    private Task PassVaultDelayAsync()
    {
        var delay = _factory.Service<Keyfolio.Core.Access.VaultAccess>().NextAttemptDelay;
        if (delay > TimeSpan.Zero)
        {
            _factory.Time.Advance(delay);
        }

        return Task.CompletedTask;
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
