namespace Keyfolio.Exchanges;

/// <summary>Reads a key's secret and passphrase while <see cref="ExchangeCredentials.Reveal{TResult}"/> holds them as characters.</summary>
public delegate TResult CredentialsReader<out TResult>(string apiKey, ReadOnlySpan<char> secret, ReadOnlySpan<char> passphrase);
