using Keyfolio.Exchanges;

namespace Keyfolio.Core.Connections;

/// <summary>What adding a connection needs. The caller owns (and disposes) <see cref="Credentials"/>.</summary>
public sealed record AddConnectionRequest(ExchangeId Exchange, string Label, KeyCredentials Credentials)
{
    /// <summary>The exchange's regional site (<c>com</c>/<c>us</c>, <c>global</c>/<c>eea</c>/<c>us</c>, …); null for the default.</summary>
    public string? Region { get; init; }

    public ExchangeEnvironment Environment { get; init; } = ExchangeEnvironment.Live;

    /// <summary>A proxy or simulator to call instead of the exchange's host.</summary>
    public Uri? CustomBaseUrl { get; init; }

    /// <summary>Keep a key that can withdraw. Only honoured when <see cref="WithdrawalConfirmation"/> repeats the label.</summary>
    public bool AllowWithdrawal { get; init; }

    /// <summary>The label, typed again by the person to confirm keeping a key that can withdraw.</summary>
    public string? WithdrawalConfirmation { get; init; }

    /// <summary>Store the connection even when the exchange refuses the key, with the refusal as its status (the demo's problem keys).</summary>
    public bool KeepWhenRefused { get; init; }
}

/// <summary>What replacing a connection's key needs. The caller owns (and disposes) <see cref="Credentials"/>.</summary>
public sealed record ReplaceKeyRequest(string ConnectionId, KeyCredentials Credentials)
{
    public bool AllowWithdrawal { get; init; }

    public string? WithdrawalConfirmation { get; init; }
}
