using System.Globalization;

namespace Keyfolio.Exchanges.Okx.FastApi;

/// <summary>
/// The tokens of one Fast API authorization: the access token that creates the key (OKX: valid one hour) and, when OKX
/// gives one, the refresh token (three days). Held in pinned arrays zeroed on <see cref="Dispose"/>; they never print.
/// Dispose them as soon as the key is created: the key, not the tokens, is what Keyfolio keeps.
/// </summary>
public sealed class OkxFastApiTokens : IDisposable
{
    internal OkxFastApiTokens(ReadOnlySpan<char> accessToken, ReadOnlySpan<char> refreshToken, DateTimeOffset? expiresAt)
    {
        AccessToken = new PinnedSecret(accessToken);
        RefreshToken = new PinnedSecret(refreshToken);
        ExpiresAt = expiresAt;
    }

    /// <summary>When the access token expires, from OKX's <c>expires_in</c>; <c>null</c> when OKX did not say.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    public bool CanRefresh => !RefreshToken.IsEmpty;

    internal PinnedSecret AccessToken { get; }

    internal PinnedSecret RefreshToken { get; }

    public void Dispose()
    {
        AccessToken.Dispose();
        RefreshToken.Dispose();
    }

    public override string ToString() =>
        $"OkxFastApiTokens {{ AccessToken = ***, RefreshToken = {(CanRefresh ? "***" : "none")}, ExpiresAt = {ExpiresAt?.ToString("O", CultureInfo.InvariantCulture) ?? "unknown"} }}";
}
