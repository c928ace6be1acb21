using Keyfolio.Core.Portfolio;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Health;

/// <summary>Everything the health rules look at for one connection.</summary>
public sealed record KeyHealthInput
{
    public required ExchangeId Exchange { get; init; }

    public ExchangeEnvironment Environment { get; init; } = ExchangeEnvironment.Live;

    /// <summary>What the exchange reports about the key; null when it could not be read.</summary>
    public KeyFacts? Facts { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>This host's public address, when known.</summary>
    public string? EgressIp { get; init; }

    /// <summary>When the connection was added (for "unused" before any success).</summary>
    public DateTimeOffset? ConnectedAt { get; init; }

    /// <summary>When a call with the key last succeeded.</summary>
    public DateTimeOffset? LastSuccessAt { get; init; }

    /// <summary>The labels of other connections that use the same API key.</summary>
    public IReadOnlyList<string> SharedWith { get; init; } = [];

    /// <summary>What became of each wallet in the latest reading (a wallet the key may not read is a finding).</summary>
    public IReadOnlyList<WalletStatus> Wallets { get; init; } = [];
}
