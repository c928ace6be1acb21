namespace Keyfolio.Exchanges;

/// <summary>An exchange's rule that deletes a key able to trade or withdraw, without an IP address, after a period
/// without use: the rule in plain words and what to do about it.</summary>
public sealed record IdleKeyDeletion(LocalizedText Rule, LocalizedText Fix);
