namespace Keyfolio.Exchanges;

/// <summary>How to create a least-privilege key on the exchange's website today, in English and Simplified Chinese.</summary>
public sealed record ExchangeGuide
{
    public required IReadOnlyList<LocalizedText> Steps { get; init; }

    /// <summary>The rights to enable: read only is all Keyfolio needs.</summary>
    public required IReadOnlyList<LocalizedText> Enable { get; init; }

    /// <summary>The rights never to enable (withdraw above all).</summary>
    public required IReadOnlyList<LocalizedText> NeverEnable { get; init; }

    public required LocalizedText IpWhitelist { get; init; }

    /// <summary>The exchange's third credential, when it has one (OKX's Passphrase).</summary>
    public LocalizedText? Passphrase { get; init; }

    public required LocalizedText KeyExpiry { get; init; }

    /// <summary>For a closed exchange, shown before anything else.</summary>
    public LocalizedText? Notice { get; init; }
}
