using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Keyfolio.Exchanges.Okx.FastApi;

/// <summary>
/// OKX "Fast API": the OAuth 2.0 authorization-code flow that ends in a read-only API key created for the user.
/// <see cref="BeginAuthorization"/> gives the consent page for the browser and a state for the session; OKX sends the
/// browser back to the redirect URI, where <see cref="ReadCallback"/> checks the state and takes the code;
/// <see cref="ExchangeCodeAsync"/> turns the code into tokens with the client secret; <see cref="CreateReadOnlyKeyAsync"/>
/// creates the key, which is then verified with the OKX connector like any other. Every answer is a result; no request
/// here is ever retried, since OKX may have acted on a request whose answer was lost.
/// </summary>
public sealed class OkxFastApiClient
{
    private const string CreateKeyPath = "/api/v5/users/oauth/apikey";
    private const string ReadOnlyPermission = "read_only";
    private const int MaxIpAddresses = 20;
    private const int MaxCallbackTextLength = 300;

    private readonly ExchangeTransport _transport;
    private readonly ILogger _logger;
    private readonly Uri _authorizeUrl;
    private readonly Uri _tokenUrl;
    private readonly Uri _createKeyUrl;
    private readonly string _clientId;
    private readonly string _redirectUri;
    private readonly string _keyLabel;

    internal OkxFastApiClient(ExchangeTransport transport, OkxFastApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = OkxFastApiOptionsValidator.Check(options, clientSecretStored: true);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(nameof(OkxFastApiOptions), typeof(OkxFastApiOptions), [.. problems.Select(p => p.Message.ToString())]);
        }

        _transport = transport;
        _logger = transport.Logger;
        _authorizeUrl = options.AuthorizeUrl!;
        _tokenUrl = ExchangeUris.Combine(options.ApiBaseUrl!, options.TokenPath!, null);
        _createKeyUrl = ExchangeUris.Combine(options.ApiBaseUrl!, CreateKeyPath, null);
        _clientId = options.ClientId!;
        _redirectUri = options.RedirectUri!.OriginalString;
        _keyLabel = options.KeyLabel!;
    }

    /// <summary>A fresh state and the consent page's URL with it. Keep the state with the user's session for
    /// <see cref="ReadCallback"/>.</summary>
    public OkxFastApiAuthorization BeginAuthorization()
    {
        var state = OkxFastApiState.Create();
        var url = new Uri(string.Concat(
            _authorizeUrl.AbsoluteUri,
            "?response_type=code&access_type=",
            OkxFastApiOptions.AccessType,
            "&client_id=",
            Uri.EscapeDataString(_clientId),
            "&redirect_uri=",
            Uri.EscapeDataString(_redirectUri),
            "&scope=",
            OkxFastApiOptions.Scope,
            "&state=",
            state));
        OkxFastApiLog.Started(_logger, _clientId);
        return new OkxFastApiAuthorization(url, state);
    }

    /// <summary>
    /// Reads the query OKX sent the browser back with (<c>?code=…&amp;state=…</c>, or <c>?error=…&amp;state=…</c>). The state
    /// is checked first, in constant time: an answer that does not carry the session's state is refused whatever
    /// else it says. The caller disposes the code once it is exchanged.
    /// </summary>
    public ExchangeResult<OkxAuthorizationCode> ReadCallback(string query, string expectedState)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrEmpty(expectedState);
        var parameters = CallbackParameters(query);
        if (parameters is null || !OkxFastApiState.Matches(expectedState, parameters.GetValueOrDefault("state")))
        {
            return CallbackRefused(new ExchangeError(DiagnosisCategory.AuthorizationInvalid, Explanation: Texts.Of("ThisAnswerFromOKXDoes"), Fix: Texts.Of("StartFastConnectAgainFrom")), "state");
        }

        if (parameters.TryGetValue("error", out var error))
        {
            var refusal = OkxFastApiErrors.ForOAuthError(Clean(error), parameters.TryGetValue("error_description", out var description) ? Clean(description) : null, null);
            return CallbackRefused(refusal, refusal.Code ?? "error");
        }

        if (!parameters.TryGetValue("code", out var code) || code.Length == 0)
        {
            return CallbackRefused(new ExchangeError(DiagnosisCategory.AuthorizationInvalid, Explanation: Texts.Of("OKXSentTheBrowserBack")), "code");
        }

        return ExchangeResult<OkxAuthorizationCode>.Success(new OkxAuthorizationCode(code));
    }

    /// <summary>Exchanges the code for tokens (<c>grant_type=authorization_code</c>, form-encoded, with the client secret).</summary>
    public Task<ExchangeResult<OkxFastApiTokens>> ExchangeCodeAsync(OkxAuthorizationCode code, OkxFastApiClientSecret clientSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(clientSecret);
        var form = SensitiveContent.Form()
            .AddField("grant_type", "authorization_code")
            .AddField("code", code.Code.Utf8)
            .AddField("client_id", _clientId)
            .AddField("client_secret", clientSecret.Secret.Utf8)
            .AddField("redirect_uri", _redirectUri);
        return RequestTokensAsync(form, OkxFastApiStep.ExchangeCode, [code.Code, clientSecret.Secret], cancellationToken);
    }

    /// <summary>New tokens for old (<c>grant_type=refresh_token</c>); OKX accepts each refresh token once. The old tokens
    /// stay the caller's to dispose.</summary>
    public Task<ExchangeResult<OkxFastApiTokens>> RefreshAsync(OkxFastApiTokens tokens, OkxFastApiClientSecret clientSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(clientSecret);
        if (!tokens.CanRefresh)
        {
            return Task.FromResult(ExchangeResult<OkxFastApiTokens>.Failure(OkxFastApiErrors.ToDiagnosis(new ExchangeError(
                DiagnosisCategory.AuthorizationInvalid,
                Explanation: Texts.Of("OKXGaveNoRefreshToken")))));
        }

        var form = SensitiveContent.Form()
            .AddField("grant_type", "refresh_token")
            .AddField("refresh_token", tokens.RefreshToken.Utf8)
            .AddField("client_id", _clientId)
            .AddField("client_secret", clientSecret.Secret.Utf8);
        return RequestTokensAsync(form, OkxFastApiStep.Refresh, [tokens.RefreshToken, clientSecret.Secret], cancellationToken);
    }

    /// <summary>
    /// Creates the user's key with the read-only permission and a strong passphrase Keyfolio generates, optionally bound
    /// to up to 20 IP addresses or ranges. The credentials come back ready for the OKX connector's verification; the
    /// caller disposes them.
    /// </summary>
    public async Task<ExchangeResult<ExchangeCredentials>> CreateReadOnlyKeyAsync(
        OkxFastApiTokens tokens,
        IReadOnlyCollection<string>? ipAddresses,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (IpProblem(ipAddresses) is { } problem)
        {
            return ExchangeResult<ExchangeCredentials>.Failure(problem);
        }

        var passphrase = OkxFastApiPassphrase.Generate();
        try
        {
            return await CreateKeyAsync(tokens, ipAddresses, passphrase, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Array.Clear(passphrase);
        }
    }

    /// <summary>The key request with the given passphrase.</summary>
    internal async Task<ExchangeResult<ExchangeCredentials>> CreateKeyAsync(
        OkxFastApiTokens tokens,
        IReadOnlyCollection<string>? ipAddresses,
        char[] passphrase,
        CancellationToken cancellationToken)
    {
        using var secretPassphrase = new PinnedSecret(passphrase);
        var body = SensitiveContent.Json();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("label", _keyLabel);
            writer.WriteString("passphrase"u8, secretPassphrase.Utf8);
            writer.WriteString("perm", ReadOnlyPermission);
            if (ipAddresses is { Count: > 0 })
            {
                writer.WriteString("ip", string.Join(',', ipAddresses.Select(ip => ip.Trim())));
            }

            writer.WriteEndObject();
        }

        var request = new HttpRequestMessage(HttpMethod.Post, _createKeyUrl) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken.Text());
        var sent = await _transport.SendOnceAsync(
            ExchangeId.Okx,
            request,
            Classifier(OkxFastApiStep.CreateKey, tokens.AccessToken, secretPassphrase),
            cancellationToken).ConfigureAwait(false);
        if (!sent.IsSuccess)
        {
            return Refused<ExchangeCredentials>(OkxFastApiStep.CreateKey, sent.Diagnosis);
        }

        var credentials = ReadKey(sent.Value.Body, passphrase, out var permission);
        if (credentials is null)
        {
            return ExchangeResult<ExchangeCredentials>.Failure(OkxFastApiErrors.Unreadable(sent.Value.StatusCode));
        }

        OkxFastApiLog.KeyCreated(_logger, credentials.MaskedApiKey, permission);
        return ExchangeResult<ExchangeCredentials>.Success(credentials);
    }

    private async Task<ExchangeResult<OkxFastApiTokens>> RequestTokensAsync(
        SensitiveContent form,
        OkxFastApiStep step,
        PinnedSecret[] secrets,
        CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _tokenUrl) { Content = form };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var sent = await _transport.SendOnceAsync(ExchangeId.Okx, request, Classifier(step, secrets), cancellationToken).ConfigureAwait(false);
        if (!sent.IsSuccess)
        {
            return Refused<OkxFastApiTokens>(step, sent.Diagnosis);
        }

        var tokens = ReadTokens(sent.Value);
        if (tokens is null)
        {
            return ExchangeResult<OkxFastApiTokens>.Failure(OkxFastApiErrors.Unreadable(sent.Value.StatusCode));
        }

        OkxFastApiLog.TokensIssued(_logger, step, tokens.ExpiresAt);
        return ExchangeResult<OkxFastApiTokens>.Success(tokens);
    }

    /// <summary><c>{access_token, refresh_token?, token_type, expires_in}</c>.</summary>
    private static OkxFastApiTokens? ReadTokens(ExchangeResponse response)
    {
        using var document = JsonValues.TryParse(response.Body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root || JsonValues.String(root, "access_token") is not { Length: > 0 } accessToken)
        {
            return null;
        }

        var expiresIn = JsonValues.Long(root, "expires_in");
        return new OkxFastApiTokens(
            accessToken,
            JsonValues.String(root, "refresh_token"),
            expiresIn is > 0 ? response.ReceivedAt.AddSeconds(expiresIn.Value) : null);
    }

    /// <summary><c>data[0] {apiKey, secretKey, passphrase, perm, label}</c>. The passphrase is the one sent: OKX keeps only a
    /// hash of it, and its echo adds nothing.</summary>
    private static ExchangeCredentials? ReadKey(string body, ReadOnlySpan<char> passphrase, out string permission)
    {
        permission = string.Empty;
        using var document = JsonValues.TryParse(body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array || data.GetArrayLength() == 0)
        {
            return null;
        }

        var key = data[0];
        if (JsonValues.String(key, "apiKey") is not { Length: > 0 } apiKey || JsonValues.String(key, "secretKey") is not { Length: > 0 } secretKey)
        {
            return null;
        }

        permission = JsonValues.String(key, "perm") ?? string.Empty;
        return new ExchangeCredentials(apiKey, secretKey, passphrase);
    }

    /// <summary>OKX's refusal, with any of the request's secrets it echoes replaced by <c>***</c>.</summary>
    private static Func<ExchangeResponse, ExchangeError?> Classifier(OkxFastApiStep step, params PinnedSecret[] secrets) => response =>
    {
        var error = OkxFastApiErrors.Classify(response, step);
        if (error?.Message is not { Length: > 0 } message)
        {
            return error;
        }

        var redacted = secrets.Aggregate(message, (text, secret) => secret.RedactFrom(text));
        return ReferenceEquals(redacted, message) ? error : error with { Message = redacted };
    };

    private ExchangeResult<T> Refused<T>(OkxFastApiStep step, Diagnosis diagnosis)
    {
        OkxFastApiLog.Refused(_logger, step, diagnosis.Category, diagnosis.ExchangeCode);
        return ExchangeResult<T>.Failure(diagnosis);
    }

    private ExchangeResult<OkxAuthorizationCode> CallbackRefused(ExchangeError error, string reason)
    {
        OkxFastApiLog.CallbackRefused(_logger, error.Category, reason);
        return ExchangeResult<OkxAuthorizationCode>.Failure(OkxFastApiErrors.ToDiagnosis(error));
    }

    private static Diagnosis? IpProblem(IReadOnlyCollection<string>? ipAddresses)
    {
        if (ipAddresses is null || ipAddresses.Count == 0)
        {
            return null;
        }

        if (ipAddresses.Count > MaxIpAddresses)
        {
            return IpDiagnosis(Texts.Of("OKXBindsAKeyTo", MaxIpAddresses, ipAddresses.Count));
        }

        foreach (var address in ipAddresses.Select(ip => ip.Trim()))
        {
            var looksLikeIp = address.Contains('.', StringComparison.Ordinal) || address.Contains(':', StringComparison.Ordinal);
            if (!looksLikeIp || !(IPAddress.TryParse(address, out _) || IPNetwork.TryParse(address, out _)))
            {
                return IpDiagnosis(Texts.Of("IsNotAnIPv4Or", Clean(address)));
            }
        }

        return null;
    }

    private static Diagnosis IpDiagnosis(LocalizedText explanation) => OkxFastApiErrors.ToDiagnosis(new ExchangeError(
        DiagnosisCategory.BadFormat,
        Field: "ip",
        Explanation: explanation,
        Fix: Texts.Of("GiveAtMost20IPv4")));

    /// <summary>The callback's parameters, decoded; <c>null</c> when one is repeated, as only a tampered URL does.</summary>
    private static Dictionary<string, string>? CallbackParameters(string query)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? part : part[..equals]);
            var value = equals < 0 ? string.Empty : Decode(part[(equals + 1)..]);
            if (!parameters.TryAdd(name, value))
            {
                return null;
            }
        }

        return parameters;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    /// <summary>Text from a URL, fit to show: control characters dropped, bounded in length.</summary>
    private static string Clean(string text)
    {
        var printable = new string([.. text.Where(c => !char.IsControl(c))]).Trim();
        return printable.Length <= MaxCallbackTextLength ? printable : printable[..MaxCallbackTextLength];
    }
}
