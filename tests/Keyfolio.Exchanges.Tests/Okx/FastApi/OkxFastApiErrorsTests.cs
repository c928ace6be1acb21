using System.Globalization;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Okx.FastApi;

namespace Keyfolio.Exchanges.Tests.Okx.FastApi;

/// <summary>
/// The refusals the simulator does not send: OAuth's standard error names (RFC 6749), in a token answer or on the
/// callback, OKX codes it does not document per number, and statuses with no body.
/// </summary>
public sealed class OkxFastApiErrorsTests
{
    [Theory]
    [InlineData("invalid_client", "ExchangeCode", DiagnosisCategory.OAuthClientRejected, "client secret")]
    [InlineData("unauthorized_client", "ExchangeCode", DiagnosisCategory.OAuthClientRejected, "client secret")]
    [InlineData("redirect_uri_mismatch", "ExchangeCode", DiagnosisCategory.OAuthClientRejected, "redirect URI")]
    [InlineData("invalid_grant", "ExchangeCode", DiagnosisCategory.AuthorizationInvalid, "authorization code")]
    [InlineData("invalid_grant", "Refresh", DiagnosisCategory.AuthorizationInvalid, "refresh token")]
    [InlineData("invalid_token", "CreateKey", DiagnosisCategory.AuthorizationInvalid, "access token")]
    [InlineData("invalid_scope", "ExchangeCode", DiagnosisCategory.OAuthClientRejected, "Fast API permission")]
    [InlineData("temporarily_unavailable", "ExchangeCode", DiagnosisCategory.ExchangeUnavailable, null)]
    [InlineData("unsupported_grant_type", "Refresh", DiagnosisCategory.OAuthClientRejected, null)]
    public void An_oauth_error_body_is_read_by_its_standard_name(string error, string step, DiagnosisCategory category, string? explained)
    {
        var refusal = OkxFastApiErrors.Classify(Answer(400, $$"""{"error":"{{error}}","error_description":"said by the server"}"""), Enum.Parse<OkxFastApiStep>(step));

        Assert.NotNull(refusal);
        Assert.Equal((category, error, "said by the server"), (refusal.Category, refusal.Code, refusal.Message));
        if (explained is not null)
        {
            Assert.Contains(explained, refusal.Explanation!.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(401, "CreateKey", DiagnosisCategory.AuthorizationInvalid)]
    [InlineData(400, "ExchangeCode", DiagnosisCategory.OAuthClientRejected)]
    [InlineData(200, "ExchangeCode", DiagnosisCategory.OAuthClientRejected)]
    public void An_okx_oauth_code_without_its_own_meaning_is_read_by_its_status(int status, string step, DiagnosisCategory category)
    {
        var refusal = OkxFastApiErrors.Classify(Answer(status, """{"code":"53009","msg":"Something OAuth went wrong","data":[]}"""), Enum.Parse<OkxFastApiStep>(step));

        Assert.Equal((category, "53009", "Something OAuth went wrong"), (refusal?.Category, refusal?.Code, refusal?.Message));
    }

    [Fact]
    public void Okx_s_documented_oauth_codes_name_the_broker_s_fix()
    {
        var ip = OkxFastApiErrors.Classify(Answer(200, """{"code":"53014","msg":"Invalid IP","data":[]}"""), OkxFastApiStep.ExchangeCode);
        var permission = OkxFastApiErrors.Classify(Answer(200, """{"code":"53017","msg":"Fast API permission not enabled","data":[]}"""), OkxFastApiStep.CreateKey);
        var shareIp = OkxFastApiErrors.Classify(Answer(200, """{"code":"50118","msg":"share your IP","data":[]}"""), OkxFastApiStep.CreateKey);

        Assert.Equal(DiagnosisCategory.OAuthClientRejected, ip?.Category);
        Assert.Contains("IP whitelist", ip!.Fix!.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("Fast API permission", permission!.Fix!.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Equal(ip.Fix, shareIp!.Fix);
    }

    [Fact]
    public void An_okx_code_from_the_rest_api_keeps_its_usual_meaning()
    {
        var limited = OkxFastApiErrors.Classify(Answer(200, """{"code":"50011","msg":"Too Many Requests","data":[]}"""), OkxFastApiStep.CreateKey);

        Assert.Equal(DiagnosisCategory.RateLimited, limited?.Category);
    }

    [Theory]
    [InlineData(401, "CreateKey", DiagnosisCategory.AuthorizationInvalid)]
    [InlineData(403, "ExchangeCode", DiagnosisCategory.OAuthClientRejected)]
    [InlineData(404, "CreateKey", DiagnosisCategory.OAuthClientRejected)]
    public void A_refusal_without_a_body_is_read_by_its_status(int status, string step, DiagnosisCategory category)
    {
        Assert.Equal(category, OkxFastApiErrors.Classify(Answer(status, string.Empty), Enum.Parse<OkxFastApiStep>(step))?.Category);
    }

    [Fact]
    public void A_successful_answer_is_no_refusal()
    {
        Assert.Null(OkxFastApiErrors.Classify(Answer(200, """{"access_token":"a","token_type":"bearer","expires_in":3600}"""), OkxFastApiStep.ExchangeCode));
        Assert.Null(OkxFastApiErrors.Classify(Answer(200, """{"code":"0","msg":"","data":[{"apiKey":"k"}]}"""), OkxFastApiStep.CreateKey));
    }

    [Theory]
    [InlineData("invalid_scope", DiagnosisCategory.OAuthClientRejected)]
    [InlineData("unauthorized_client", DiagnosisCategory.OAuthClientRejected)]
    [InlineData("server_error", DiagnosisCategory.ExchangeUnavailable)]
    public void A_callback_error_other_than_a_denial_is_read_by_its_standard_name(string error, DiagnosisCategory category)
    {
        var client = ExchangeConnectors.Create().CreateOkxFastApiClient(new OkxFastApiOptions
        {
            ClientId = "keyfolio",
            RedirectUri = new Uri("https://keyfolio.example/callback"),
        });
        var authorization = client.BeginAuthorization();

        var result = client.ReadCallback($"error={error}&error_description=From+OKX%0D%0A&state={authorization.State}", authorization.State);

        Assert.False(result.IsSuccess);
        Assert.Equal((category, error, "From OKX"), (result.Diagnosis.Category, result.Diagnosis.ExchangeCode, result.Diagnosis.ExchangeMessage));
    }

    private static ExchangeResponse Answer(int status, string body)
    {
        using var message = new HttpResponseMessage();
        return new ExchangeResponse(status, body, message.Headers, DateTimeOffset.UnixEpoch);
    }
}
