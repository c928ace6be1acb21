namespace Keyfolio.Core.Pricing;

/// <summary>Where a USD price came from.</summary>
public enum PriceSource
{
    /// <summary>The exchange's own public ticker.</summary>
    Exchange,

    /// <summary>Another exchange's ticker, read in the last minute.</summary>
    OtherExchange,

    /// <summary>A dollar stablecoin at its peg, because no exchange quoted it.</summary>
    Peg,
}

/// <summary>A USD price and its source.</summary>
public sealed record UsdPrice(decimal Price, PriceSource Source);
