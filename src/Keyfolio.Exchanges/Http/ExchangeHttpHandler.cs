using System.Net;

namespace Keyfolio.Exchanges.Http;

internal static class ExchangeHttpHandler
{
    /// <summary>Pooled connections renewed every few minutes, so DNS changes of the exchanges' hosts are seen.</summary>
    public static SocketsHttpHandler Create() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AllowAutoRedirect = false,
    };
}
