using Keyfolio.Core.Audit;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Connections;

/// <summary>
/// A key in use for one connection's exchange calls, for as long as the vault stays unlocked. When the vault locks,
/// the token every call runs with is cancelled — stopping rate-limit waits, retries and requests in flight — and the
/// copies of the key it was given are zeroed; each call is refused unless the vault is still unlocked when it starts.
/// The calls' audit entries name the key by its fingerprint.
/// </summary>
internal sealed class KeyUse : IDisposable
{
    private readonly CancellationToken _session;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource _calls;
    private readonly ExchangeCredentials _exchangeCredentials;
    private readonly KeyCredentials? _zeroOnLock;
    private readonly string _fingerprint;
    private CancellationTokenRegistration _onLock;

    private KeyUse(CancellationToken session, CancellationToken caller, Connection connection, ExchangeCredentials exchangeCredentials, KeyCredentials? zeroOnLock)
    {
        _session = session;
        _caller = caller;
        _calls = CancellationTokenSource.CreateLinkedTokenSource(session, caller);
        _exchangeCredentials = exchangeCredentials;
        _zeroOnLock = zeroOnLock;
        _fingerprint = connection.KeyFingerprint;
        Account = new ExchangeAccount(connection.Endpoint, exchangeCredentials, connection.Id);
    }

    public ExchangeAccount Account { get; }

    /// <summary>True once the vault has locked: no further call is made with the key.</summary>
    public bool IsRevoked => _session.IsCancellationRequested;

    /// <summary>
    /// Starts using <paramref name="credentials"/> for <paramref name="connection"/> within the vault's unlocked session
    /// (<paramref name="session"/>, cancelled when it locks). With <paramref name="decrypted"/>, the credentials are a
    /// copy decrypted from the vault and are zeroed when it locks, as well as when this use ends.
    /// </summary>
    public static KeyUse Begin(CancellationToken session, Connection connection, KeyCredentials credentials, bool decrypted, CancellationToken caller)
    {
        var use = new KeyUse(session, caller, connection, credentials.ToExchangeCredentials(), decrypted ? credentials : null);

        // Runs at once when the vault locked in the meantime.
        use._onLock = session.Register(use.Revoke);
        return use;
    }

    /// <summary>One call with the key, made only while the vault is unlocked; the vault locking during it ends it as
    /// "vault locked", and an audit refusal comes back as one too.</summary>
    public async Task<CoreResult<ExchangeResult<T>>> RunAsync<T>(Func<ExchangeAccount, CancellationToken, Task<ExchangeResult<T>>> call)
    {
        if (IsRevoked)
        {
            return Errors.VaultLocked();
        }

        using var key = AuditActor.UseKey(_fingerprint);
        try
        {
            return CoreResult<ExchangeResult<T>>.Success(await call(Account, _calls.Token).ConfigureAwait(false));
        }
        catch (AuditRefusedException refused)
        {
            return Errors.AuditFailed(refused.Message);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException && IsRevoked && !_caller.IsCancellationRequested)
        {
            return Errors.VaultLocked();
        }
    }

    public void Dispose()
    {
        // Waits for a Revoke already running on the locking thread, so nothing below races it.
        _onLock.Dispose();
        _calls.Dispose();
        _exchangeCredentials.Dispose();
        _zeroOnLock?.Dispose();
    }

    /// <summary>The vault locked: stop the calls first, then zero the copies of the key.</summary>
    private void Revoke()
    {
        _calls.Cancel();
        _exchangeCredentials.Dispose();
        _zeroOnLock?.Dispose();
    }
}
