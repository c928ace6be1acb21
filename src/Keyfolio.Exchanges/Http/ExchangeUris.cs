namespace Keyfolio.Exchanges.Http;

internal static class ExchangeUris
{
    /// <summary>The base URL's origin and path prefix, then the exchange's path and the query exactly as given.</summary>
    public static Uri Combine(Uri baseUrl, string path, string? query)
    {
        var prefix = baseUrl.AbsolutePath.TrimEnd('/');
        var text = string.Concat(baseUrl.GetLeftPart(UriPartial.Authority), prefix, path, string.IsNullOrEmpty(query) ? string.Empty : "?" + query);
        return new Uri(text, UriKind.Absolute);
    }
}
