namespace Keyfolio.Exchanges.Okx.FastApi;

/// <summary>
/// The one-time code OKX returned to the redirect URI, to be exchanged for tokens with the client secret. Held in a
/// pinned array zeroed on <see cref="Dispose"/>; it never prints.
/// </summary>
public sealed class OkxAuthorizationCode : IDisposable
{
    internal OkxAuthorizationCode(ReadOnlySpan<char> code) => Code = new PinnedSecret(code);

    internal PinnedSecret Code { get; }

    public void Dispose() => Code.Dispose();

    public override string ToString() => "OkxAuthorizationCode { *** }";
}
