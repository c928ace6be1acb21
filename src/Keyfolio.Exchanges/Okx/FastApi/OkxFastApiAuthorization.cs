namespace Keyfolio.Exchanges.Okx.FastApi;

/// <summary>
/// The start of Fast connect: the consent page to send the browser to, and the state to keep with the user's session
/// (server-side, never in a log) until OKX returns to the redirect URI. It prints without the state.
/// </summary>
public sealed class OkxFastApiAuthorization
{
    internal OkxFastApiAuthorization(Uri authorizeUrl, string state)
    {
        AuthorizeUrl = authorizeUrl;
        State = state;
    }

    public Uri AuthorizeUrl { get; }

    /// <summary>The value <see cref="OkxFastApiClient.ReadCallback"/> expects back.</summary>
    public string State { get; }

    public override string ToString() => "OkxFastApiAuthorization { State = *** }";
}
