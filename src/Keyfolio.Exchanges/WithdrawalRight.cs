namespace Keyfolio.Exchanges;

/// <summary>Where an exchange keeps the withdrawal right of a key, in its own words, and how to turn it off there.</summary>
/// <param name="PermissionName">The right's name on the exchange's API page.</param>
/// <param name="HowToRemove">How to remove the right, or make a read-only key instead.</param>
public sealed record WithdrawalRight(string PermissionName, LocalizedText HowToRemove);
