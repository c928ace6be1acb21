using Keyfolio.Exchanges.Okx.FastApi;

namespace Keyfolio.Core.FastConnect;

/// <summary>
/// The operator's OKX Fast API client, as stored: everything but the client secret, which lives encrypted in the vault.
/// A null <see cref="RedirectUri"/> means Keyfolio's own callback at the address the browser reaches it on.
/// </summary>
public sealed record OkxFastConnectSettings
{
    public string? ClientId { get; init; }

    public Uri? AuthorizeUrl { get; init; } = new OkxFastApiOptions().AuthorizeUrl;

    public Uri? ApiBaseUrl { get; init; } = new OkxFastApiOptions().ApiBaseUrl;

    public string? TokenPath { get; init; } = OkxFastApiOptions.DefaultTokenPath;

    public Uri? RedirectUri { get; init; }

    public string? KeyLabel { get; init; } = new OkxFastApiOptions().KeyLabel;

    /// <summary>Whether the client secret is stored in the vault (it is never read back).</summary>
    public bool ClientSecretStored { get; init; }

    /// <summary>The client's options, with <paramref name="ownCallback"/> as the redirect URI when none is set.</summary>
    public OkxFastApiOptions ToOptions(Uri ownCallback) => new()
    {
        ClientId = ClientId,
        AuthorizeUrl = AuthorizeUrl,
        ApiBaseUrl = ApiBaseUrl,
        TokenPath = TokenPath,
        RedirectUri = RedirectUri ?? ownCallback,
        KeyLabel = KeyLabel,
    };
}

/// <summary>
/// The OKX Fast API client's settings given by configuration (<c>OkxFastApi:ClientId</c>, <c>:RedirectUri</c>,
/// <c>:KeyLabel</c>, <c>:AuthorizeUrl</c>, <c>:ApiBaseUrl</c>); null leaves Keyfolio's own default. They apply while
/// nothing of the client is saved in the database; once the person saves the client on Settings, those values win.
/// </summary>
public sealed class FastConnectDefaults
{
    public string? ClientId { get; set; }

    public Uri? RedirectUri { get; set; }

    public string? KeyLabel { get; set; }

    public Uri? AuthorizeUrl { get; set; }

    public Uri? ApiBaseUrl { get; set; }
}
