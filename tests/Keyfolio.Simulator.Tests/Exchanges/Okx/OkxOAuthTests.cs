using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Keyfolio.Simulator.Tests.Signing;

namespace Keyfolio.Simulator.Tests.Exchanges.Okx;

/// <summary>OKX Fast API over real HTTP: consent, code, tokens, key creation, and each refusal.</summary>
public sealed class OkxOAuthTests
{
    private const string Redirect = "http://127.0.0.1:5080/connect/okx/callback";

    private static Task<TestSimulator> StartAsync() => TestSimulator.StartAsync(c => c["okxOAuth"] = new JsonObject
    {
        ["clients"] = new JsonArray(new JsonObject
        {
            ["clientId"] = "app-1",
            ["clientSecret"] = "app-secret",
            ["name"] = "Keyfolio",
            ["redirectUris"] = new JsonArray("http://127.0.0.1:*"),
        }),
        ["user"] = new JsonObject
        {
            ["uid"] = "88000000000000001",
            ["balances"] = new JsonArray(new JsonObject { ["wallet"] = "spot", ["asset"] = "BTC", ["free"] = "1.25", ["locked"] = "0" }),
        },
    });

    [Fact]
    public async Task The_whole_flow_creates_a_key_that_then_reads_the_user_balances()
    {
        await using var sim = await StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var okx = sim.Host.BaseUrl("okx");

        var page = await http.GetStringAsync(new Uri(okx, $"/account/oauth/authorize?response_type=code&access_type=offline&client_id=app-1&redirect_uri={Uri.EscapeDataString(Redirect)}&scope=fast_api&state=xyz"));
        var code = await ApproveAsync(http, okx, "xyz");
        var tokens = await TokenAsync(http, okx, $"grant_type=authorization_code&code={code}&client_id=app-1&client_secret=app-secret&redirect_uri={Uri.EscapeDataString(Redirect)}");
        var refreshed = await TokenAsync(http, okx, $"grant_type=refresh_token&refresh_token={tokens["refresh_token"]}&client_id=app-1&client_secret=app-secret");
        var created = await CreateKeyAsync(http, okx, (string)refreshed["access_token"]!, "{\"label\":\"keyfolio\",\"passphrase\":\"Fast-Api1!\",\"perm\":\"read_only\"}");

        Assert.Contains("Approve", page, StringComparison.Ordinal);
        Assert.Equal("bearer", (string?)tokens["token_type"]);
        Assert.Equal(3600, (int)tokens["expires_in"]!);
        var item = created["data"]![0]!;
        Assert.Equal("0", (string?)created["code"]);
        Assert.Equal("read_only", (string?)item["perm"]);
        var key = new TestKey("okx", (string)item["apiKey"]!, (string)item["secretKey"]!, (string)item["passphrase"]!);
        var balances = await BalanceReader.ReadAsync(sim, "okx", key);
        Assert.Equal((1.25m, 1.25m), balances["BTC"]);
    }

    [Fact]
    public async Task Denying_consent_redirects_with_access_denied_and_the_state()
    {
        await using var sim = await StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var response = await http.PostAsync(new Uri(sim.Host.BaseUrl("okx"), "/account/oauth/authorize"), Form($"client_id=app-1&redirect_uri={Uri.EscapeDataString(Redirect)}&state=s1&decision=deny"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith(Redirect + "?error=access_denied&", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("&state=s1", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("client_id=nobody&redirect_uri=http%3A%2F%2F127.0.0.1%3A5080%2Fcb", "53001")]
    [InlineData("client_id=app-1&redirect_uri=http%3A%2F%2Fevil.example%3A5080%2Fcb", "53016")]
    [InlineData("client_id=app-1&redirect_uri=https%3A%2F%2F127.0.0.1%3A5080%2Fcb", "53016")]
    public async Task The_consent_page_refuses_an_unknown_client_or_a_redirect_it_does_not_allow(string query, string code)
    {
        await using var sim = await StartAsync();

        var response = await sim.Http.GetAsync(new Uri(sim.Host.BaseUrl("okx"), "/account/oauth/authorize?response_type=code&scope=fast_api&" + query));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"code\":\"{code}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_is_good_once_and_only_within_its_lifetime()
    {
        await using var sim = await StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var okx = sim.Host.BaseUrl("okx");
        var exchange = $"grant_type=authorization_code&client_id=app-1&client_secret=app-secret&redirect_uri={Uri.EscapeDataString(Redirect)}&code=";

        var code = await ApproveAsync(http, okx, "a");
        await TokenAsync(http, okx, exchange + code);
        var reused = await http.PostAsync(new Uri(okx, "/v5/users/oauth/token"), Form(exchange + code));
        var late = await ApproveAsync(http, okx, "b");
        sim.Time.Advance(TimeSpan.FromMinutes(11));
        var expired = await http.PostAsync(new Uri(okx, "/v5/users/oauth/token"), Form(exchange + late));
        var wrongSecret = await http.PostAsync(new Uri(okx, "/v5/users/oauth/token"), Form("grant_type=authorization_code&client_id=app-1&client_secret=nope&code=x"));

        Assert.Contains("\"code\":\"53003\"", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"code\":\"53003\"", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"code\":\"53001\"", await wrongSecret.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_key_for_the_same_user_is_refused_and_a_bad_token_is_rejected()
    {
        await using var sim = await StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var okx = sim.Host.BaseUrl("okx");
        var code = await ApproveAsync(http, okx, "a");
        var tokens = await TokenAsync(http, okx, $"grant_type=authorization_code&code={code}&client_id=app-1&client_secret=app-secret&redirect_uri={Uri.EscapeDataString(Redirect)}");
        var access = (string)tokens["access_token"]!;
        const string Body = "{\"label\":\"k\",\"passphrase\":\"Fast-Api1!\",\"perm\":\"read_only\"}";

        await CreateKeyAsync(http, okx, access, Body);
        var second = await CreateKeyAsync(http, okx, access, Body);
        var weak = await CreateKeyAsync(http, okx, access, "{\"label\":\"k\",\"passphrase\":\"weak\",\"perm\":\"read_only\"}");
        var badToken = await CreateKeyAsync(http, okx, "not-a-token", Body);

        Assert.Equal("50116", (string?)second["code"]);
        Assert.Equal("51000", (string?)weak["code"]);
        Assert.Equal("53005", (string?)badToken["code"]);
    }

    [Theory]
    [InlineData("http://127.0.0.1:*", "http://127.0.0.1:5080/any/path", true)]
    [InlineData("http://127.0.0.1:*", "http://127.0.0.1:49152", true)]
    [InlineData("http://127.0.0.1:*/cb", "http://127.0.0.1:5080/cb", true)]
    [InlineData("http://127.0.0.1:*/cb", "http://127.0.0.1:5080/other", false)]
    [InlineData("http://127.0.0.1:*", "http://127.0.0.1.evil.example:5080/cb", false)]
    [InlineData("http://127.0.0.1:*", "http://localhost:5080/cb", false)]
    [InlineData("https://app.example/cb", "https://app.example/cb", true)]
    [InlineData("https://app.example/cb", "https://app.example/cb2", false)]
    public void Redirect_uris_match_exactly_except_for_a_wildcard_port(string registered, string requested, bool matches) =>
        Assert.Equal(matches, Keyfolio.Simulator.Exchanges.Okx.OkxOAuthServer.RedirectMatches(registered, requested));

    private static async Task<string> ApproveAsync(HttpClient http, Uri okx, string state)
    {
        var response = await http.PostAsync(new Uri(okx, "/account/oauth/authorize"), Form($"client_id=app-1&redirect_uri={Uri.EscapeDataString(Redirect)}&state={state}&scope=fast_api&decision=approve"));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(Redirect + "?code=", location, StringComparison.Ordinal);
        Assert.EndsWith("&state=" + state, location, StringComparison.Ordinal);
        return location[(Redirect.Length + "?code=".Length)..location.IndexOf("&state", StringComparison.Ordinal)];
    }

    private static async Task<JsonNode> TokenAsync(HttpClient http, Uri okx, string form)
    {
        var response = await http.PostAsync(new Uri(okx, "/v5/users/oauth/token"), Form(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!;
    }

    private static async Task<JsonNode> CreateKeyAsync(HttpClient http, Uri okx, string accessToken, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(okx, "/api/v5/users/oauth/apikey")) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        var response = await http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static StringContent Form(string body) => new(body, Encoding.UTF8, "application/x-www-form-urlencoded");
}
