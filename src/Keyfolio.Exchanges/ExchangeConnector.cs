using System.Collections.Concurrent;
using System.Text.Json;
using Keyfolio.Exchanges.Diagnostics;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges;

/// <summary>
/// What every connector does the same way: the local format check and the closed-exchange check before any call,
/// verification as balances then facts, and turning unreadable answers into diagnoses. Each exchange supplies its
/// reads.
/// </summary>
internal abstract class ExchangeConnector(ExchangeTransport transport, ExchangeProtocol protocol) : IExchangeConnector
{
    /// <summary>The keys (per endpoint) whose wallets were read the last time they were asked.</summary>
    private readonly ConcurrentDictionary<(string ApiKey, ExchangeEndpoint Endpoint), byte> _readBefore = new();

    public abstract ExchangeDescriptor Descriptor { get; }

    protected ExchangeTransport Transport { get; } = transport;

    protected ExchangeProtocol Protocol { get; } = protocol;

    protected ExchangeId Exchange => Protocol.Exchange;

    public async Task<ExchangeResult<KeyVerification>> VerifyAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        var balances = await GetBalancesAsync(account, cancellationToken).ConfigureAwait(false);
        if (!balances.IsSuccess)
        {
            return balances.FailureAs<KeyVerification>();
        }

        var facts = await GetKeyFactsAsync(account, cancellationToken).ConfigureAwait(false);
        return ExchangeResult<KeyVerification>.Success(new KeyVerification(balances.Value, facts.Value, facts.Diagnosis));
    }

    public async Task<ExchangeResult<BalanceSnapshot>> GetBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken)
    {
        if (Refusal(account) is { } refusal)
        {
            return ExchangeResult<BalanceSnapshot>.Failure(refusal);
        }

        var subAccounts = Descriptor.SubAccounts is null ? [] : account.SubAccounts.Distinct(StringComparer.Ordinal).ToList();
        var masterRead = ReadBalancesAsync(account, cancellationToken);
        var subReads = subAccounts.Select(sub => ReadSubAccountBalancesAsync(account, sub, cancellationToken)).ToList();
        await Task.WhenAll([masterRead, .. subReads]).ConfigureAwait(false);
        var read = await masterRead.ConfigureAwait(false);
        if (read.IsSuccess && subReads.Count > 0)
        {
            read = ExchangeResult<BalanceSnapshot>.Success(WithSubAccounts(read.Value, subAccounts, [.. subReads.Select(r => r.Result)]));
        }

        if (read.IsSuccess)
        {
            _readBefore.TryAdd((account.Credentials.ApiKey, account.Endpoint), 0);
        }
        else
        {
            _readBefore.TryRemove((account.Credentials.ApiKey, account.Endpoint), out _);
        }

        return read;
    }

    public Task<ExchangeResult<IReadOnlyList<SubAccount>>> GetSubAccountsAsync(ExchangeAccount account, CancellationToken cancellationToken) =>
        Refusal(account) is { } refusal
            ? Task.FromResult(ExchangeResult<IReadOnlyList<SubAccount>>.Failure(refusal))
            : Descriptor.SubAccounts is null
                ? Task.FromResult(ExchangeResult<IReadOnlyList<SubAccount>>.Success([]))
                : ReadSubAccountsAsync(account, cancellationToken);

    public Task<ExchangeResult<KeyFacts>> GetKeyFactsAsync(ExchangeAccount account, CancellationToken cancellationToken) =>
        Refusal(account) is { } refusal
            ? Task.FromResult(ExchangeResult<KeyFacts>.Failure(refusal))
            : ReadKeyFactsAsync(account, cancellationToken);

    public Task<ExchangeResult<IReadOnlyDictionary<string, decimal>>> GetUsdPricesAsync(
        ExchangeEndpoint endpoint,
        IReadOnlyCollection<string> assets,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(assets);
        return ClosedRefusal(endpoint) is { } refusal
            ? Task.FromResult(ExchangeResult<IReadOnlyDictionary<string, decimal>>.Failure(refusal))
            : ReadUsdPricesAsync(endpoint, assets, cancellationToken);
    }

    protected abstract Task<ExchangeResult<BalanceSnapshot>> ReadBalancesAsync(ExchangeAccount account, CancellationToken cancellationToken);

    /// <summary>The sub-accounts of the key's account; called only where the descriptor declares <see cref="ExchangeDescriptor.SubAccounts"/>.</summary>
    protected virtual Task<ExchangeResult<IReadOnlyList<SubAccount>>> ReadSubAccountsAsync(ExchangeAccount account, CancellationToken cancellationToken) =>
        Task.FromResult(ExchangeResult<IReadOnlyList<SubAccount>>.Success([]));

    /// <summary>
    /// The wallets of one sub-account, read with the master account's key; called only where the descriptor declares
    /// <see cref="ExchangeDescriptor.SubAccounts"/>. The balances and readings need not name the sub-account: the caller does.
    /// </summary>
    protected virtual Task<ExchangeResult<BalanceSnapshot>> ReadSubAccountBalancesAsync(ExchangeAccount account, string subAccount, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Descriptor.DisplayName} reads no sub-accounts.");

    /// <summary>
    /// The master account's snapshot with each sub-account's balances and wallet readings beside it, each naming its
    /// sub-account. A sub-account whose reading failed as a whole counts every wallet Keyfolio reads of it as not read.
    /// </summary>
    private BalanceSnapshot WithSubAccounts(BalanceSnapshot master, IReadOnlyList<string> subAccounts, IReadOnlyList<ExchangeResult<BalanceSnapshot>> reads)
    {
        var balances = new List<AssetBalance>(master.Balances);
        var wallets = new List<WalletReading>(master.Wallets);
        for (var i = 0; i < subAccounts.Count; i++)
        {
            var sub = subAccounts[i];
            var read = reads[i];
            if (read.IsSuccess)
            {
                balances.AddRange(read.Value.Balances.Select(b => b with { SubAccount = sub }));
                wallets.AddRange(read.Value.Wallets.Select(w => w with { SubAccount = sub }));
                continue;
            }

            var reading = Descriptor.SubAccounts!;
            foreach (var kind in reading.Wallets)
            {
                var failed = read.Diagnosis.Category == DiagnosisCategory.MissingPermission
                    ? WalletReading.NotPermitted(kind, read.Diagnosis, reading.Right)
                    : WalletReading.Failed(kind, read.Diagnosis);
                wallets.Add(failed with { SubAccount = sub });
            }
        }

        return master with { Balances = balances, Wallets = wallets };
    }

    protected abstract Task<ExchangeResult<KeyFacts>> ReadKeyFactsAsync(ExchangeAccount account, CancellationToken cancellationToken);

    protected abstract Task<ExchangeResult<IReadOnlyDictionary<string, decimal>>> ReadUsdPricesAsync(
        ExchangeEndpoint endpoint,
        IReadOnlyCollection<string> assets,
        CancellationToken cancellationToken);

    /// <summary>Sends a call and parses a successful answer; a body that cannot be read is the exchange being unavailable.</summary>
    protected async Task<ExchangeResult<T>> CallAsync<T>(
        ExchangeCall call,
        ExchangeEndpoint endpoint,
        ExchangeAccount? account,
        Func<JsonElement, T> parse,
        CancellationToken cancellationToken)
    {
        var baseUrl = Transport.ResolveBaseUrl(Descriptor, endpoint, call.UsePublicHost);
        return await CallAtAsync(call, baseUrl, account, parse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As <see cref="CallAsync{T}"/>, to a base URL the connector chose (an exchange's second host, as KuCoin's futures).</summary>
    protected Task<ExchangeResult<T>> CallAtAsync<T>(
        ExchangeCall call,
        Uri baseUrl,
        ExchangeAccount? account,
        Func<JsonElement, T> parse,
        CancellationToken cancellationToken) =>
        CallAtAsync(Protocol, call, baseUrl, account, parse, cancellationToken);

    /// <summary>As <see cref="CallAtAsync{T}(ExchangeCall, Uri, ExchangeAccount?, Func{JsonElement, T}, CancellationToken)"/>, through
    /// another protocol of the same exchange: an API family on its own host with its own time endpoint (Binance's futures).</summary>
    protected async Task<ExchangeResult<T>> CallAtAsync<T>(
        ExchangeProtocol protocol,
        ExchangeCall call,
        Uri baseUrl,
        ExchangeAccount? account,
        Func<JsonElement, T> parse,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        if (protocol.Exchange != Exchange)
        {
            throw new ArgumentException($"The protocol is {protocol.Exchange.ToName()}'s, not {Exchange.ToName()}'s.", nameof(protocol));
        }

        var response = await Transport.SendAsync(protocol, call, baseUrl, account, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            return response.FailureAs<T>();
        }

        using var document = JsonValues.TryParse(response.Value.Body);
        if (document is null)
        {
            return ExchangeResult<T>.Failure(Unreadable(response.Value.StatusCode));
        }

        try
        {
            return ExchangeResult<T>.Success(parse(document.RootElement));
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or OverflowException)
        {
            return ExchangeResult<T>.Failure(Unreadable(response.Value.StatusCode));
        }
    }

    protected Task<ExchangeResult<T>> SignedAsync<T>(ExchangeCall call, ExchangeAccount account, Func<JsonElement, T> parse, CancellationToken cancellationToken) =>
        CallAsync(call, account.Endpoint, account, parse, cancellationToken);

    protected Task<ExchangeResult<T>> PublicAsync<T>(ExchangeCall call, ExchangeEndpoint endpoint, Func<JsonElement, T> parse, CancellationToken cancellationToken) =>
        CallAsync(call, endpoint, null, parse, cancellationToken);

    /// <summary>
    /// Whether the key read its wallets the last time it was asked. Such a key reads every wallet at once, in one round
    /// trip; a key never read, or refused or failed last time, sends the call that needs the fewest rights alone first,
    /// so a refused key costs one request.
    /// </summary>
    protected bool ReadBefore(ExchangeAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return _readBefore.ContainsKey((account.Credentials.ApiKey, account.Endpoint));
    }

    /// <summary>
    /// A reading that fails as a whole on one call while others went out beside it. When the exchange asked to slow down,
    /// the latest time any of its answers named is the one to wait for (the rate-limit budget keeps that one too).
    /// </summary>
    protected static ExchangeResult<BalanceSnapshot> FailedAsAWhole(Diagnosis refusal, params IEnumerable<Diagnosis?> beside)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        ArgumentNullException.ThrowIfNull(beside);
        var latest = refusal.Category == DiagnosisCategory.RateLimited
            ? beside.Where(d => d is { Category: DiagnosisCategory.RateLimited, RetryAt: not null } && d.RetryAt > (refusal.RetryAt ?? DateTimeOffset.MinValue))
                .MaxBy(d => d!.RetryAt)
            : null;
        return ExchangeResult<BalanceSnapshot>.Failure(latest is null ? refusal : refusal with { RetryAt = latest.RetryAt });
    }

    protected BalanceSnapshot Snapshot(IEnumerable<AssetBalance> balances, params WalletReading[] wallets) =>
        new([.. balances], wallets, Transport.Time.GetUtcNow());

    /// <summary>
    /// The outcome of reading one wallet: read, not permitted (a missing-permission refusal; <paramref name="right"/> is the
    /// right to enable, in the exchange's words), or failed with the exchange's diagnosis.
    /// </summary>
    protected static WalletReading Reading<T>(WalletKind wallet, ExchangeResult<T> read, string right, string? accountName)
    {
        ArgumentNullException.ThrowIfNull(read);
        return read.Diagnosis switch
        {
            null => new WalletReading(wallet) { AccountName = accountName },
            { Category: DiagnosisCategory.MissingPermission } refusal => WalletReading.NotPermitted(wallet, refusal, right, accountName),
            var failure => WalletReading.Failed(wallet, failure, accountName),
        };
    }

    protected Diagnosis Unreadable(int? status) => new()
    {
        Category = DiagnosisCategory.ExchangeUnavailable,
        Exchange = Exchange,
        HttpStatus = status,
        ExchangeMessage = "The exchange's answer could not be read.",
        Explanation = DiagnosisTexts.Explanation(DiagnosisCategory.ExchangeUnavailable),
        Fix = DiagnosisTexts.Fix(DiagnosisCategory.ExchangeUnavailable),
    };

    private Diagnosis? Refusal(ExchangeAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Exchange != Exchange)
        {
            throw new ArgumentException($"The account is for {account.Exchange.ToName()}, not {Exchange.ToName()}.", nameof(account));
        }

        if (ClosedRefusal(account.Endpoint) is { } closed)
        {
            return closed;
        }

        var check = account.Credentials.Reveal(Descriptor.CheckCredentials);
        return check.IsValid ? null : new Diagnosis
        {
            Category = DiagnosisCategory.BadFormat,
            Exchange = Exchange,
            Field = check.Problems[0].FieldName,
            Explanation = check.Problems[0].Message,
            Fix = DiagnosisTexts.Fix(DiagnosisCategory.BadFormat),
        };
    }

    private Diagnosis? ClosedRefusal(ExchangeEndpoint endpoint) =>
        Descriptor.IsOperating || !Transport.IsExchangeHost(Descriptor, endpoint)
            ? null
            : new Diagnosis
            {
                Category = DiagnosisCategory.ExchangeClosed,
                Exchange = Exchange,
                Explanation = Descriptor.ClosedNotice ?? DiagnosisTexts.Explanation(DiagnosisCategory.ExchangeClosed),
                Fix = DiagnosisTexts.Fix(DiagnosisCategory.ExchangeClosed),
            };
}
