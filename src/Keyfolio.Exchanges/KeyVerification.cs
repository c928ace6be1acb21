namespace Keyfolio.Exchanges;

/// <summary>
/// What "add a connection" learns: the key answered a signed read (the balances it returned) and what the exchange
/// reports about it. <see cref="FactsFailure"/> is set when the key works but its facts could not be read.
/// </summary>
public sealed record KeyVerification(BalanceSnapshot Balances, KeyFacts? Facts, Diagnosis? FactsFailure);
