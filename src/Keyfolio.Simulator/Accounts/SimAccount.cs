using System.Text;

namespace Keyfolio.Simulator.Accounts;

/// <summary>
/// A configured key as the running simulator sees it: its secret as HMAC key bytes, and the state that
/// changes while it runs (revocation, permissions, the last Bitfinex nonce). Never printed with its secret.
/// </summary>
internal sealed class SimAccount
{
    private readonly Lock _nonceLock = new();
    private volatile IReadOnlySet<string> _permissions;
    private volatile bool _revoked;
    private long _lastNonce;

    public SimAccount(SimulatorAccount config)
    {
        Config = config;
        SecretKey = Encoding.UTF8.GetBytes(config.Secret);
        PassphraseBytes = config.Passphrase is null ? [] : Encoding.UTF8.GetBytes(config.Passphrase);
        _permissions = new HashSet<string>(config.Permissions, StringComparer.Ordinal);
        Site = SimulatorExchanges.SiteFor(config.Exchange, config.Region!);
    }

    public SimulatorAccount Config { get; }

    public string Exchange => Config.Exchange;

    public string ApiKey => Config.ApiKey;

    public string Uid => Config.Uid!;

    /// <summary>The site (port) whose entity issued the key: <c>okx</c>, <c>okx-eea</c>, <c>binance-us</c>, …</summary>
    public string Site { get; }

    public byte[] SecretKey { get; }

    public byte[] PassphraseBytes { get; }

    public bool IsDemo => Config.Environment != "live";

    public bool Revoked => _revoked;

    public IReadOnlySet<string> Permissions => _permissions;

    public bool Can(string permission) => _permissions.Contains(permission);

    /// <summary>True when the key may read the wallet: it has <c>read</c> and the wallet is not among its unreadable ones.</summary>
    public bool CanRead(string wallet) => Can("read") && !Config.UnreadableWallets.Contains(wallet, StringComparer.Ordinal);

    public bool IsExpired(DateTimeOffset now) => Config.ExpiresAt is { } expiry && expiry <= now;

    public bool AllowsAddress(string clientIp) =>
        Config.IpWhitelist.Count == 0 || Config.IpWhitelist.Contains(clientIp, StringComparer.Ordinal);

    public void Revoke() => _revoked = true;

    public void SetPermissions(IEnumerable<string> permissions) =>
        _permissions = new HashSet<string>(permissions, StringComparer.Ordinal);

    /// <summary>The highest nonce this key has had accepted; 0 before its first nonce.</summary>
    public long LastNonce
    {
        get
        {
            lock (_nonceLock)
            {
                return _lastNonce;
            }
        }
    }

    /// <summary>Accepts the nonce only if it is above every nonce this key accepted before (Bitfinex, Kraken).</summary>
    public bool TryAdvanceNonce(long nonce)
    {
        lock (_nonceLock)
        {
            if (nonce <= _lastNonce)
            {
                return false;
            }

            _lastNonce = nonce;
            return true;
        }
    }

    public override string ToString() => Config.ToString();
}
