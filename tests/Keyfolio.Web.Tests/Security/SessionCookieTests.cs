using System.Net;
using System.Net.Http.Json;
using Keyfolio.Core.Access;
using Keyfolio.Web.Security;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Security;

public sealed class SessionCookieTests : IDisposable
{
    private readonly KeyfolioWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Session_cookie_is_host_prefixed_secure_http_only_and_strict()
    {
        await _factory.EnsureVaultAsync();
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await UnlockAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(KeyfolioCookies.Session + "=", StringComparison.Ordinal));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.StartsWith("__Host-", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Antiforgery_cookie_is_host_prefixed_secure_http_only_and_strict()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/api/antiforgery");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(KeyfolioCookies.Antiforgery + "=", StringComparison.Ordinal));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
    }

    [Fact]
    public async Task Api_without_a_session_answers_401_instead_of_redirecting()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/api/probe/session");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_page_without_a_session_sends_the_browser_to_unlock_and_back()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/portfolio");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/unlock", response.Headers.Location!.AbsolutePath);
        Assert.Contains("returnUrl=%2Fportfolio", response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_idle_timeout_the_vault_locks_itself_and_the_session_ends()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/probe/session")).StatusCode);
        var locked = LockedAsync();

        _factory.Time.Advance(TimeSpan.FromMinutes(16));
        await locked.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Locked, (await client.GetAsync("/api/probe/session")).StatusCode);
        Assert.False(_factory.Service<VaultAccess>().IsUnlocked);
    }

    [Fact]
    public async Task Auto_lock_times_saved_in_settings_apply_to_the_session_in_progress()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        using var saved = await PageForms.SubmitAsync(client, "/settings", "preferences", new Dictionary<string, string>
        {
            ["Preferences.SyncMinutes"] = "5",
            ["Preferences.IdleMinutes"] = "60",
            ["Preferences.AbsoluteHours"] = "12",
        });
        // Redirected after the post, so a reload does not send the form again.
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/settings?saved=preferences", saved.Headers.Location!.PathAndQuery);
        using var follow = await client.GetAsync(saved.Headers.Location);
        Assert.Contains("id=\"preferences-saved\"", await follow.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Past the old 15 minutes, both the vault and the session cookie now allow an hour of inactivity...
        _factory.Time.Advance(TimeSpan.FromMinutes(40));
        var afterForty = (await client.GetAsync("/api/probe/session")).StatusCode;
        var locked = LockedAsync();
        _factory.Time.Advance(TimeSpan.FromMinutes(61));
        await locked.WaitAsync(TimeSpan.FromSeconds(30));

        // ...and an hour without a request locks them as it should.
        Assert.Equal(HttpStatusCode.OK, afterForty);
        Assert.Equal(HttpStatusCode.Locked, (await client.GetAsync("/api/probe/session")).StatusCode);
    }

    [Fact]
    public async Task A_persons_requests_postpone_the_auto_lock_but_the_pages_own_live_updates_do_not()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        var vault = _factory.Service<VaultAccess>();

        _factory.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/probe/session")).StatusCode);
        _factory.Time.Advance(TimeSpan.FromMinutes(10));
        var activeKeptItOpen = vault.IsUnlocked;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/exchanges/cards")).StatusCode);
        var locked = LockedAsync();
        _factory.Time.Advance(TimeSpan.FromMinutes(6));
        await locked.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(activeKeptItOpen);
        Assert.False(vault.IsUnlocked);
    }

    [Fact]
    public async Task Activity_keeps_the_session_alive_until_the_absolute_timeout()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        // Ten minutes between requests never reaches the 15-minute idle limit...
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(11.5); elapsed += TimeSpan.FromMinutes(10))
        {
            _factory.Time.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/probe/session")).StatusCode);
        }

        // ...but 12 hours after unlocking the vault locks and the session ends however busy it is.
        var locked = LockedAsync();
        _factory.Time.Advance(TimeSpan.FromMinutes(40));
        await locked.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Locked, (await client.GetAsync("/api/probe/session")).StatusCode);
    }

    [Fact]
    public async Task Locking_the_vault_ends_every_session_with_423_and_an_old_cookie_stays_dead_after_the_next_unlock()
    {
        using var first = await _factory.CreateSignedInClientAsync();
        using var second = await _factory.CreateSignedInClientAsync();

        await _factory.Service<VaultAccess>().LockAsync();
        var firstAfterLock = (await first.GetAsync("/api/probe/session")).StatusCode;
        var secondAfterLock = (await second.GetAsync("/api/probe/session")).StatusCode;
        using var third = await _factory.CreateSignedInClientAsync();

        Assert.Equal(HttpStatusCode.Locked, firstAfterLock);
        Assert.Equal(HttpStatusCode.Locked, secondAfterLock);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/probe/session")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await third.GetAsync("/api/probe/session")).StatusCode);
    }

    [Fact]
    public async Task Unlocking_replaces_the_session_cookie_with_a_new_one()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        using var firstUnlock = await UnlockAsync(client);

        using var secondUnlock = await UnlockAsync(client);

        string Cookie(HttpResponseMessage response) => response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(KeyfolioCookies.Session + "=", StringComparison.Ordinal)).Split(';')[0];
        Assert.NotEqual(Cookie(firstUnlock), Cookie(secondUnlock));
    }

    private Task LockedAsync()
    {
        var locked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _factory.Service<VaultAccess>().StateChanged += (_, change) =>
        {
            if (change.State == Keyfolio.Vault.VaultState.Locked)
            {
                locked.TrySetResult();
            }
        };
        return locked.Task;
    }

    private static async Task<HttpResponseMessage> UnlockAsync(HttpClient client)
    {
        var token = await Antiforgery.ForApiAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/vault/unlock") { Content = JsonContent.Create(new { password = KeyfolioWebFactory.Password }) };
        request.Headers.Add(token.HeaderName, token.Token);
        return await client.SendAsync(request);
    }
}
