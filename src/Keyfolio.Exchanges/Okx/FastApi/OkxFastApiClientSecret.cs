namespace Keyfolio.Exchanges.Okx.FastApi;

/// <summary>
/// The OAuth client secret OKX issued to the broker, for the calls that need it. Held as UTF-8 bytes in a pinned array
/// and zeroed on <see cref="Dispose"/>; it never prints. Surrounding whitespace is stripped, as pasted values carry it.
/// </summary>
public sealed class OkxFastApiClientSecret : IDisposable
{
    public OkxFastApiClientSecret(ReadOnlySpan<char> secret)
    {
        var trimmed = secret.Trim();
        if (trimmed.IsEmpty)
        {
            throw new ArgumentException("The OKX Fast API client secret is empty.", nameof(secret));
        }

        Secret = new PinnedSecret(trimmed);
    }

    internal PinnedSecret Secret { get; }

    public void Dispose() => Secret.Dispose();

    public override string ToString() => "OkxFastApiClientSecret { *** }";
}
