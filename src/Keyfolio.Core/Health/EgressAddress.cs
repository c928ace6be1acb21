namespace Keyfolio.Core.Health;

/// <summary>This host's public address as the exchanges see it, where it was learnt and when.</summary>
public sealed record EgressAddress(string Address, EgressAddressSource Source, DateTimeOffset SeenAt);

public enum EgressAddressSource
{
    /// <summary>An exchange named it when refusing a call (OKX 50110, HTX and HitBTC IP errors).</summary>
    ExchangeError,

    /// <summary>The configured echo URL answered it.</summary>
    EchoService,
}
