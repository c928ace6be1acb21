namespace Keyfolio.Exchanges;

/// <summary>A key's rights in one vocabulary (docs/exchange-permissions.md).</summary>
public enum KeyPermission
{
    Read,
    SpotTrade,
    Margin,
    Futures,
    Withdraw,
    InternalTransfer,
}

/// <summary>Whether a key has a right. <see cref="Unknown"/> when the exchange cannot say — never reported as absent.</summary>
public enum PermissionState
{
    Unknown,
    Granted,
    Absent,
}
