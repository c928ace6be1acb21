using System.Globalization;
using System.Net;
using System.Text.Json;
using Keyfolio.Exchanges.Okx.FastApi;
using Keyfolio.Testing;

namespace Keyfolio.Exchanges.Tests.Okx.FastApi;

/// <summary>Each way Fast connect fails, answered by the simulator's OAuth server, gives a diagnosis with OKX's own code and a fix.</summary>
public sealed class OkxFastApiErrorTests
{
    [Fact]
    public async Task Declining_on_the_consent_page_is_diagnosed_as_denied()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client();
        var authorization = client.BeginAuthorization();

        var callback = await simulation.Browser.ClickAsync(authorization.AuthorizeUrl, "deny");
        var diagnosis = simulation.Failed(client.ReadCallback(callback.Query, authorization.State));

        Assert.Equal(DiagnosisCategory.AuthorizationDenied, diagnosis.Category);
        Assert.Equal("access_denied", diagnosis.ExchangeCode);
        Assert.Equal("The user denied the authorization.", diagnosis.ExchangeMessage);
        Assert.Contains("declined", diagnosis.Explanation.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("拒绝", diagnosis.Explanation.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callback_that_does_not_carry_the_session_s_state_is_refused_whatever_it_says()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client();
        var authorization = client.BeginAuthorization();
        var approved = await simulation.Browser.ClickAsync(authorization.AuthorizeUrl, "approve");
        var other = client.BeginAuthorization();

        var wrongState = simulation.Failed(client.ReadCallback(approved.Query, other.State));
        var forgedDenial = simulation.Failed(client.ReadCallback("?error=access_denied&state=guess", authorization.State));
        var noState = simulation.Failed(client.ReadCallback("?code=abc", authorization.State));
        var repeatedState = simulation.Failed(client.ReadCallback($"{approved.Query}&state={authorization.State}", authorization.State));

        foreach (var diagnosis in new[] { wrongState, forgedDenial, noState, repeatedState })
        {
            Assert.Equal(DiagnosisCategory.AuthorizationInvalid, diagnosis.Category);
            Assert.Contains("state", diagnosis.Explanation.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
            Assert.Null(diagnosis.ExchangeMessage);
        }

        using var code = simulation.Succeeded(client.ReadCallback(approved.Query, authorization.State));
    }

    [Fact]
    public async Task A_callback_without_a_code_is_refused()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client();
        var authorization = client.BeginAuthorization();

        var diagnosis = simulation.Failed(client.ReadCallback($"state={authorization.State}", authorization.State));

        Assert.Equal(DiagnosisCategory.AuthorizationInvalid, diagnosis.Category);
        Assert.Contains("without an authorization code", diagnosis.Explanation.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_client_is_refused_on_the_consent_page_and_at_the_token_endpoint()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        using var code = await simulation.ApproveAsync(simulation.Client());
        var stranger = simulation.Client(o => o.ClientId = "not-registered");

        using var page = await simulation.Browser.OpenAsync(stranger.BeginAuthorization().AuthorizeUrl);
        using var secret = simulation.ClientSecret();
        var diagnosis = simulation.Failed(await stranger.ExchangeCodeAsync(code, secret, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal("53001", OkxCode(await page.Content.ReadAsStringAsync()));
        Assert.Equal(DiagnosisCategory.OAuthClientRejected, diagnosis.Category);
        Assert.Equal(("53001", 400), (diagnosis.ExchangeCode, diagnosis.HttpStatus));
        Assert.Contains("ClientId", diagnosis.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_diagnosed_as_a_rejected_client()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client();
        using var code = await simulation.ApproveAsync(client);
        using var wrong = new OkxFastApiClientSecret("not-the-secret");

        var diagnosis = simulation.Failed(await client.ExchangeCodeAsync(code, wrong, CancellationToken.None));

        Assert.Equal(DiagnosisCategory.OAuthClientRejected, diagnosis.Category);
        Assert.Equal("53001", diagnosis.ExchangeCode);
        Assert.Contains("client secret", diagnosis.Explanation.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("客户端密钥", diagnosis.Fix.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_uri_okx_does_not_know_or_that_differs_from_the_authorization_s_is_refused_with_code_53016()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var unregistered = simulation.Client(o => o.RedirectUri = new Uri("http://127.0.0.1:5555/elsewhere"));
        using var page = await simulation.Browser.OpenAsync(unregistered.BeginAuthorization().AuthorizeUrl);
        using var code = await simulation.ApproveAsync(simulation.Client());
        var otherRedirect = simulation.Client(o => o.RedirectUri = FastApiSimulation.OtherRegisteredRedirectUri);

        using var secret = simulation.ClientSecret();
        var diagnosis = simulation.Failed(await otherRedirect.ExchangeCodeAsync(code, secret, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal("53016", OkxCode(await page.Content.ReadAsStringAsync()));
        Assert.Equal(DiagnosisCategory.OAuthClientRejected, diagnosis.Category);
        Assert.Equal("53016", diagnosis.ExchangeCode);
        Assert.Contains("RedirectUri", diagnosis.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_used_twice_is_refused_the_second_time()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client();
        using var code = await simulation.ApproveAsync(client);
        using var secret = simulation.ClientSecret();
        using var tokens = simulation.Succeeded(await client.ExchangeCodeAsync(code, secret, CancellationToken.None));

        var diagnosis = simulation.Failed(await client.ExchangeCodeAsync(code, secret, CancellationToken.None));

        Assert.Equal(DiagnosisCategory.AuthorizationInvalid, diagnosis.Category);
        Assert.Equal("53003", diagnosis.ExchangeCode);
        Assert.Contains("already used", diagnosis.Explanation.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("Start Fast connect again", diagnosis.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_older_than_its_ten_minutes_is_refused()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var simulation = await FastApiSimulation.StartAsync(clock);
        var client = simulation.Client();
        using var code = await simulation.ApproveAsync(client);
        clock.Advance(TimeSpan.FromMinutes(11));

        using var secret = simulation.ClientSecret();
        var diagnosis = simulation.Failed(await client.ExchangeCodeAsync(code, secret, CancellationToken.None));

        Assert.Equal(DiagnosisCategory.AuthorizationInvalid, diagnosis.Category);
        Assert.Equal("53003", diagnosis.ExchangeCode);
    }

    [Fact]
    public async Task A_second_key_for_the_same_user_is_diagnosed_with_the_fix_to_delete_the_first()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client();
        using (var first = await simulation.AuthorizeAsync(client))
        {
            using var key = simulation.Succeeded(await client.CreateReadOnlyKeyAsync(first, null, CancellationToken.None));
        }

        using var second = await simulation.AuthorizeAsync(client);
        var diagnosis = simulation.Failed(await client.CreateReadOnlyKeyAsync(second, null, CancellationToken.None));

        Assert.Equal(DiagnosisCategory.KeyLimitReached, diagnosis.Category);
        Assert.Equal(("50116", 200), (diagnosis.ExchangeCode, diagnosis.HttpStatus));
        Assert.Equal("Fast API is allowed to create only one API key", diagnosis.ExchangeMessage);
        Assert.Contains("delete the Fast API key", diagnosis.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("https://www.okx.com/account/my-api", diagnosis.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("删除", diagnosis.Fix.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Short1!")]
    [InlineData("nouppercase1!")]
    [InlineData("NoSpecialChar1")]
    [InlineData("ThirtyThreeCharactersLong1234567!")]
    public async Task A_passphrase_that_breaks_okx_s_rule_is_diagnosed_with_its_field(string passphrase)
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client();
        using var tokens = await simulation.AuthorizeAsync(client);

        var diagnosis = simulation.Failed(await client.CreateKeyAsync(tokens, null, passphrase.ToCharArray(), CancellationToken.None));

        Assert.Equal(DiagnosisCategory.BadFormat, diagnosis.Category);
        Assert.Equal(("51000", "passphrase"), (diagnosis.ExchangeCode, diagnosis.Field));
        Assert.Contains("8 to 32 characters", diagnosis.Explanation.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_access_token_is_refused()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        using var forged = new OkxFastApiTokens("0123456789abcdef", default, null);

        var diagnosis = simulation.Failed(await simulation.Client().CreateReadOnlyKeyAsync(forged, null, CancellationToken.None));

        Assert.Equal(DiagnosisCategory.AuthorizationInvalid, diagnosis.Category);
        Assert.Equal(("53005", 401), (diagnosis.ExchangeCode, diagnosis.HttpStatus));
        Assert.Contains("access token", diagnosis.Explanation.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_access_token_past_its_hour_is_refused()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var simulation = await FastApiSimulation.StartAsync(clock);
        var client = simulation.Client();
        using var tokens = await simulation.AuthorizeAsync(client);
        clock.Advance(TimeSpan.FromMinutes(61));

        var diagnosis = simulation.Failed(await client.CreateReadOnlyKeyAsync(tokens, null, CancellationToken.None));

        Assert.Equal(DiagnosisCategory.AuthorizationInvalid, diagnosis.Category);
        Assert.Equal("53005", diagnosis.ExchangeCode);
    }

    [Fact]
    public async Task Tokens_without_a_refresh_token_are_not_sent_to_be_refreshed()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        using var tokens = new OkxFastApiTokens("0123456789abcdef", default, null);
        using var secret = simulation.ClientSecret();

        var diagnosis = simulation.Failed(await simulation.Client().RefreshAsync(tokens, secret, CancellationToken.None));

        Assert.Equal(DiagnosisCategory.AuthorizationInvalid, diagnosis.Category);
        Assert.DoesNotContain(simulation.Exchanges.Signatures.Requests, request => request.Contains("/oauth/token", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("10.0.0.256")]
    [InlineData("localhost")]
    [InlineData("12")]
    public async Task An_ip_address_that_is_not_one_is_refused_before_any_request(string address)
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client();
        using var tokens = await simulation.AuthorizeAsync(client);
        var sent = simulation.Exchanges.Signatures.Requests.Count;

        var diagnosis = simulation.Failed(await client.CreateReadOnlyKeyAsync(tokens, ["127.0.0.1", address], CancellationToken.None));

        Assert.Equal((DiagnosisCategory.BadFormat, "ip"), (diagnosis.Category, diagnosis.Field));
        Assert.Contains(address, diagnosis.Explanation.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Equal(sent, simulation.Exchanges.Signatures.Requests.Count);
    }

    [Fact]
    public async Task More_than_twenty_ip_addresses_are_refused_before_any_request()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        using var tokens = new OkxFastApiTokens("0123456789abcdef", default, null);
        var addresses = Enumerable.Range(1, 21).Select(i => $"10.0.0.{i}").ToList();

        var diagnosis = simulation.Failed(await simulation.Client().CreateReadOnlyKeyAsync(tokens, addresses, CancellationToken.None));

        Assert.Equal((DiagnosisCategory.BadFormat, "ip"), (diagnosis.Category, diagnosis.Field));
        Assert.Empty(simulation.Exchanges.Signatures.Requests);
    }

    [Fact]
    public async Task A_token_path_okx_does_not_serve_is_diagnosed_with_the_setting_to_change()
    {
        await using var simulation = await FastApiSimulation.StartAsync();
        var client = simulation.Client(o => o.TokenPath = "/api/v5/oauth/token");
        using var code = await simulation.ApproveAsync(client);
        using var secret = simulation.ClientSecret();

        var diagnosis = simulation.Failed(await client.ExchangeCodeAsync(code, secret, CancellationToken.None));

        Assert.Equal((DiagnosisCategory.OAuthClientRejected, 404), (diagnosis.Category, diagnosis.HttpStatus));
        Assert.Contains("TokenPath", diagnosis.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("/v5/users/oauth/token", diagnosis.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    private static string? OkxCode(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("code").GetString();
}
