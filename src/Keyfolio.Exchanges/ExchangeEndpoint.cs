namespace Keyfolio.Exchanges;

/// <summary>
/// Where a connection talks to: the exchange, its region (<c>com</c>/<c>us</c> for Binance, <c>global</c>/<c>eea</c>/<c>us</c>
/// for OKX, <c>main</c>/<c>aws</c> for HTX; <c>null</c> for the default), the environment, and an optional custom base URL
/// (a proxy or a simulator) that replaces the host while every path stays the exchange's own.
/// </summary>
public sealed record ExchangeEndpoint(
    ExchangeId Exchange,
    string? Region = null,
    ExchangeEnvironment Environment = ExchangeEnvironment.Live,
    Uri? CustomBaseUrl = null);
