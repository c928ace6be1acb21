using System.Net;
using System.Security.Claims;
using Keyfolio.Core.Access;
using Keyfolio.Testing;
using Keyfolio.Web.Security;
using Keyfolio.Web.Security.Forms;
using Keyfolio.Web.Tests.Harness;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Keyfolio.Web.Tests.Security.Forms;

/// <summary>A refusal kept for its page is the session's only, lapses, is forgotten on lock, and the store stays bounded.</summary>
public sealed class RefusedFormsTests : IDisposable
{
    private const string Path = "/connections/new/binance";

    private readonly KeyfolioWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Another_session_reading_the_address_sees_the_page_clean()
    {
        using var owner = await _factory.CreateSignedInClientAsync();
        using var other = await _factory.CreateSignedInClientAsync();
        using var refused = await RefuseAsync(owner);

        var page = await other.GetStringAsync(refused.Headers.Location);

        Assert.DoesNotContain("id=\"connect-error\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"connect-error\"", await owner.GetStringAsync(refused.Headers.Location), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_lapses_after_its_lifetime()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        using var refused = await RefuseAsync(client);

        _factory.Time.Advance(RefusedForms.Lifetime);
        var page = await client.GetStringAsync(refused.Headers.Location);

        Assert.DoesNotContain("id=\"connect-error\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locking_the_vault_forgets_every_refusal()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        using var refused = await RefuseAsync(client);
        var kept = _factory.Service<RefusedForms>().Count;

        await _factory.Service<VaultAccess>().LockAsync();

        Assert.Equal(1, kept);
        Assert.Equal(0, _factory.Service<RefusedForms>().Count);
    }

    [Fact]
    public async Task A_session_keeps_its_latest_refusals_only()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        using var first = await RefuseAsync(client);
        for (var i = 0; i < RefusedForms.PerOwner; i++)
        {
            using var next = await RefuseAsync(client);
        }

        var page = await client.GetStringAsync(first.Headers.Location);

        Assert.Equal(RefusedForms.PerOwner, _factory.Service<RefusedForms>().Count);
        Assert.DoesNotContain("id=\"connect-error\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_store_holds_a_bounded_number_of_refusals_and_none_too_large()
    {
        var store = new RefusedForms(_factory.Service<VaultAccess>(), new ManualTimeProvider());
        for (var i = 0; i < RefusedForms.Capacity + 10; i++)
        {
            store.RedirectBack(Post("session-" + i), new RecordingNavigation(), new RefusedForm("connect", null).With("label", "Binance"));
        }

        var tooLarge = new RecordingNavigation();
        store.RedirectBack(Post("session-large"), tooLarge, new RefusedForm("connect", null).With("label", new string('x', RefusedForms.MaxSize + 1)));

        Assert.Equal(RefusedForms.Capacity, store.Count);
        Assert.Null(tooLarge.Target);
    }

    /// <summary>A connect form refused before anything is sent to an exchange (its API URL is not https), sent back.</summary>
    private static async Task<HttpResponseMessage> RefuseAsync(HttpClient client)
    {
        var refused = await PageForms.SubmitAsync(client, Path, "connect", new Dictionary<string, string>
        {
            ["Form.Label"] = "Binance refused",
            ["Form.ApiKey"] = "Kq7TnV2xLp9RwZ4mYb6HcJ3sDf8GkA1uEi5Oo0NrQt2VyXw7PzLm4BnCs9Ud3Fh6",
            ["Form.ApiUrl"] = "http://exchange.example/api",
            ["Form.Action"] = "connect",
        });
        Assert.Equal(HttpStatusCode.SeeOther, refused.StatusCode);
        return refused;
    }

    private static DefaultHttpContext Post(string session)
    {
        var context = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(KeyfolioSession.SessionIdClaim, session)], "test")),
        };
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = Path;
        return context;
    }

    private sealed class RecordingNavigation : NavigationManager
    {
        public RecordingNavigation() => Initialize("https://localhost/", "https://localhost" + Path);

        public string? Target { get; private set; }

        protected override void NavigateToCore(string uri, NavigationOptions options) => Target = uri;
    }
}
