namespace Keyfolio.Exchanges.Okx.FastApi;

/// <summary>
/// Settings of OKX "Fast API": an OAuth 2.0 authorization-code flow after which Keyfolio creates a read-only API key
/// for the user. OKX issues the client id and secret to an approved OAuth broker. The client secret is not a setting:
/// each call that needs it is given an <see cref="OkxFastApiClientSecret"/> from wherever the caller keeps it.
/// </summary>
public sealed class OkxFastApiOptions
{
    public const string SectionName = "Keyfolio:Exchanges:OkxFastApi";

    /// <summary>The token endpoint as two independent OKX integrations call it, without <c>/api/</c>.</summary>
    public const string DefaultTokenPath = "/v5/users/oauth/token";

    /// <summary>The scope that makes OKX's consent page offer an API key to the app.</summary>
    public const string Scope = "fast_api";

    /// <summary>The authorization-code mode with a server holding the client secret, the only one Fast API allows.</summary>
    public const string AccessType = "offline";

    /// <summary>The consent page's path on an OKX host.</summary>
    public const string AuthorizePath = "/account/oauth/authorize";

    /// <summary>OKX's consent page, where the user signs in and approves.</summary>
    public Uri? AuthorizeUrl { get; set; } = new("https://www.okx.com" + AuthorizePath);

    /// <summary>The origin of the token endpoint and of <c>/api/v5/users/oauth/apikey</c>: the OKX site where the key is
    /// created (<c>www.okx.com</c>, <c>my.okx.com</c> for the EEA, <c>app.okx.com</c> for the US) or a simulator.</summary>
    public Uri? ApiBaseUrl { get; set; } = new("https://www.okx.com");

    /// <summary>The token endpoint's path under <see cref="ApiBaseUrl"/>; one OKX SDK uses <c>/api/v5/users/oauth/token</c>.</summary>
    public string? TokenPath { get; set; } = DefaultTokenPath;

    /// <summary>The client id OKX sent when it approved the OAuth broker application.</summary>
    public string? ClientId { get; set; }

    /// <summary>Keyfolio's callback, exactly as registered with OKX; the browser returns there with <c>code</c> and <c>state</c>.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>The name the created key gets on OKX.</summary>
    public string? KeyLabel { get; set; } = "Keyfolio";

    /// <summary>Points <see cref="AuthorizeUrl"/> and <see cref="ApiBaseUrl"/> at another OKX host (the EEA or US site,
    /// or a simulator), keeping OKX's paths.</summary>
    public OkxFastApiOptions UseHost(Uri origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var root = origin.GetLeftPart(UriPartial.Authority);
        AuthorizeUrl = new Uri(root + AuthorizePath);
        ApiBaseUrl = new Uri(root);
        return this;
    }
}
