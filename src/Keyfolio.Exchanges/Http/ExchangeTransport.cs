using Keyfolio.Exchanges.Diagnostics;
using Keyfolio.Exchanges.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Keyfolio.Exchanges.Http;

/// <summary>
/// Sends one call to an exchange the way every connector needs: routed to the right host, paced by the exchange's
/// rate-limit budgets, timestamped with the exchange's clock, signed, bounded by a timeout, retried with jittered
/// backoff when an idempotent read fails transiently, classified into a <see cref="Diagnosis"/> when refused, and
/// reported to the observer. A timestamp refusal measures the clock again and retries once; a refusal that may be the
/// clock among other causes measures it again and retries only when the offset moved, else rules the clock out.
/// </summary>
internal sealed class ExchangeTransport
{
    private readonly Func<HttpClient> _httpClient;
    private readonly ExchangeClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IExchangeCallObserver _observer;
    private readonly ResiliencePipeline<Attempt> _retrying;
    private readonly ResiliencePipeline<Attempt> _once;

    public ExchangeTransport(
        Func<HttpClient> httpClient,
        ExchangeClientOptions options,
        TimeProvider time,
        ILogger logger,
        IExchangeCallObserver observer,
        RateLimitBudgets budgets,
        ServerClocks clocks,
        INonceStore nonces)
    {
        _httpClient = httpClient;
        _options = options;
        _time = time;
        _logger = logger;
        _observer = observer;
        Budgets = budgets;
        Clocks = clocks;
        Nonces = nonces;
        _retrying = BuildPipeline(options.MaxRetries);
        _once = BuildPipeline(0);
    }

    public RateLimitBudgets Budgets { get; }

    public ServerClocks Clocks { get; }

    public INonceStore Nonces { get; }

    public TimeProvider Time => _time;

    public ILogger Logger => _logger;

    /// <summary>The base URL a call to this endpoint goes to: the endpoint's own custom URL, else a host override,
    /// else the exchange's host for the region and environment. A custom URL that <see cref="BaseUrlPolicy"/> refuses
    /// (plain http to another machine) is an invalid argument: nothing is sent to it.</summary>
    public Uri ResolveBaseUrl(ExchangeDescriptor descriptor, ExchangeEndpoint endpoint, bool publicHost = false)
    {
        if (endpoint.CustomBaseUrl is { } custom)
        {
            return BaseUrlPolicy.Problem(custom, nameof(ExchangeEndpoint.CustomBaseUrl)) is { } problem
                ? throw new ArgumentException(problem.ToString(), nameof(endpoint))
                : custom;
        }

        var overridden = _options.HostOverrides
            .Where(o => o.Exchange == endpoint.Exchange
                && (o.Region is null || string.Equals(o.Region, endpoint.Region ?? descriptor.DefaultRegion, StringComparison.OrdinalIgnoreCase))
                && (o.Environment is null || o.Environment == endpoint.Environment))
            .OrderByDescending(o => (o.Region is null ? 0 : 2) + (o.Environment is null ? 0 : 1))
            .FirstOrDefault();
        if (overridden?.BaseUrl is { } routed)
        {
            return routed;
        }

        var host = descriptor.FindHost(endpoint.Region, endpoint.Environment)
            ?? throw new ArgumentException(
                $"{descriptor.DisplayName} has no {endpoint.Environment} host for region '{endpoint.Region ?? descriptor.DefaultRegion}'. " +
                $"Regions: {string.Join(", ", descriptor.Regions)}; environments: {string.Join(", ", descriptor.Environments)}.",
                nameof(endpoint));
        return publicHost && host.PublicBaseUrl is { } publicUrl ? publicUrl : host.BaseUrl;
    }

    /// <summary>True when the endpoint goes to the exchange's own host rather than a custom URL or an override.</summary>
    public bool IsExchangeHost(ExchangeDescriptor descriptor, ExchangeEndpoint endpoint) =>
        descriptor.Hosts.Any(h => h.BaseUrl == ResolveBaseUrl(descriptor, endpoint));

    public async Task<ExchangeResult<ExchangeResponse>> SendAsync(
        ExchangeProtocol protocol,
        ExchangeCall call,
        Uri baseUrl,
        ExchangeAccount? account,
        CancellationToken cancellationToken)
    {
        if (call.Signed && account is null)
        {
            throw new ArgumentException("A signed call needs an account.", nameof(account));
        }

        var exchange = protocol.Exchange;
        if (call.Signed && protocol.Clock is ClockSource.Endpoint && Clocks.IsDue(exchange, baseUrl, _options.ClockResyncInterval))
        {
            await MeasureClockAsync(protocol, baseUrl, cancellationToken).ConfigureAwait(false);
        }

        var attempt = await RunAsync(protocol, call, baseUrl, account, cancellationToken).ConfigureAwait(false);
        var retried = false;
        var clockRuledOut = false;
        if (attempt.Error is { } refused && call.Signed && protocol.Clock is not ClockSource.None
            && (refused.Category == DiagnosisCategory.ClockSkew || refused.OtherPossibleCauses?.Contains(DiagnosisCategory.ClockSkew) == true))
        {
            var before = Clocks.Offset(exchange, baseUrl);
            var measured = protocol.Clock is ClockSource.DateHeader
                ? MeasureFromDateHeader(exchange, baseUrl, attempt.Response)
                : await MeasureClockAsync(protocol, baseUrl, cancellationToken).ConfigureAwait(false);
            if (measured && (refused.Category == DiagnosisCategory.ClockSkew || (Clocks.Offset(exchange, baseUrl) - before).Duration() >= ClockMoved))
            {
                attempt = await RunAsync(protocol, call, baseUrl, account, cancellationToken).ConfigureAwait(false);
                retried = true;
            }
            else if (measured)
            {
                clockRuledOut = true;
            }
        }

        // A refusal the exchange is known to send now and then for a correct request is sent once more, freshly signed,
        // unless the clock already caused a second attempt.
        if (!retried && attempt.Error is { } sporadic && call.Signed && protocol.RetriesRefusalOnce(sporadic))
        {
            attempt = await RunAsync(protocol, call, baseUrl, account, cancellationToken).ConfigureAwait(false);
        }

        // A refusal that does not say why (Coinbase's bare 401) may be the clock: measured again and unchanged, it is not.
        if (clockRuledOut && attempt.Error is { OtherPossibleCauses: { } causes } still && causes.Contains(DiagnosisCategory.ClockSkew))
        {
            attempt = attempt with { Error = still with { OtherPossibleCauses = [.. causes.Where(c => c != DiagnosisCategory.ClockSkew)] } };
        }

        return attempt.Error is { } error
            ? ExchangeResult<ExchangeResponse>.Failure(ToDiagnosis(exchange, error, attempt, baseUrl))
            : ExchangeResult<ExchangeResponse>.Success(attempt.Response!);
    }

    /// <summary>
    /// Sends a request that carries its own authentication (an OAuth token exchange, a bearer-token call) exactly once:
    /// such requests are not idempotent, so they are never retried. Bounded by the timeout, logged by method and path
    /// only, classified by <paramref name="classify"/> and then by the rules every exchange shares. The request is
    /// disposed, with its content, before this returns.
    /// </summary>
    public async Task<ExchangeResult<ExchangeResponse>> SendOnceAsync(
        ExchangeId exchange,
        HttpRequestMessage request,
        Func<ExchangeResponse, ExchangeError?> classify,
        CancellationToken cancellationToken)
    {
        using var owned = request;
        var url = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var method = request.Method.Method;
        using var activity = ExchangeTelemetry.StartCall(exchange, method, url.AbsolutePath);
        var started = _time.GetTimestamp();
        Attempt attempt;
        try
        {
            attempt = await _once.ExecuteAsync(
                async token =>
                {
                    var answer = await ExchangeAnswerAsync(request, token).ConfigureAwait(false);
                    var error = Everywhere(answer, classify(answer)) ?? GenericError(answer);
                    return error is null ? Attempt.Answered(answer) : Attempt.Refused(error, answer);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsNoAnswer(exception) && !cancellationToken.IsCancellationRequested)
        {
            TransportLog.NoAnswer(_logger, exchange, method, url.AbsolutePath, (long)_time.GetElapsedTime(started).TotalMilliseconds);
            attempt = Attempt.NoAnswer(exception);
        }

        var elapsed = _time.GetElapsedTime(started);
        if (attempt.Response is { } answered)
        {
            TransportLog.Answered(_logger, exchange, method, url.AbsolutePath, answered.StatusCode, attempt.Error?.Category.ToString() ?? "ok", (long)elapsed.TotalMilliseconds);
        }

        ExchangeTelemetry.CallEnded(
            activity,
            exchange,
            method,
            url.AbsolutePath,
            attempt.Response is null ? ExchangeCallOutcome.NoAnswer : attempt.Error is null ? ExchangeCallOutcome.Succeeded : ExchangeCallOutcome.Refused,
            attempt.Response?.StatusCode,
            attempt.Error?.Category,
            elapsed);

        return attempt.Error is { } error
            ? ExchangeResult<ExchangeResponse>.Failure(ToDiagnosis(exchange, error, attempt, url))
            : ExchangeResult<ExchangeResponse>.Success(attempt.Response!);
    }

    private async Task<Attempt> RunAsync(ExchangeProtocol protocol, ExchangeCall call, Uri baseUrl, ExchangeAccount? account, CancellationToken cancellationToken)
    {
        var pipeline = call.Idempotent ? _retrying : _once;
        try
        {
            return await pipeline.ExecuteAsync(
                static (state, token) => state.Transport.AttemptAsync(state.Protocol, state.Call, state.BaseUrl, state.Account, token),
                new AttemptState(this, protocol, call, baseUrl, account),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsNoAnswer(exception) && !cancellationToken.IsCancellationRequested)
        {
            return Attempt.NoAnswer(exception);
        }
    }

    private async ValueTask<Attempt> AttemptAsync(ExchangeProtocol protocol, ExchangeCall call, Uri baseUrl, ExchangeAccount? account, CancellationToken cancellationToken)
    {
        var exchange = protocol.Exchange;
        var rules = protocol.RulesFor(call);
        var budgetKeys = Budgets.BudgetKeys(exchange, rules, baseUrl, call.Signed ? account!.Credentials.ApiKey : null);
        var askedAt = _time.GetUtcNow();
        var admission = _options.RespectRateLimits
            ? await Budgets.AcquireAsync(budgetKeys, rules, call.Cost, _options.MaxRateLimitWait, cancellationToken).ConfigureAwait(false)
            : default;
        if (_options.RespectRateLimits && !admission.Granted)
        {
            TransportLog.BudgetRefused(_logger, exchange, call.Path, admission.At);
            ExchangeTelemetry.BudgetRefused(exchange);
            return Attempt.Refused(new ExchangeError(DiagnosisCategory.RateLimited, RetryAt: admission.At), null);
        }

        if (admission.Granted && admission.At > askedAt)
        {
            TransportLog.BudgetWait(_logger, exchange, call.Path, (long)(admission.At - askedAt).TotalMilliseconds);
            ExchangeTelemetry.Waited(exchange, admission.At - askedAt);
        }

        try
        {
            return await SendAsync(protocol, call, baseUrl, account, budgetKeys, rules, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (admission.Lease is { } lease)
            {
                Budgets.Answered(lease);
            }
        }
    }

    private async ValueTask<Attempt> SendAsync(
        ExchangeProtocol protocol, ExchangeCall call, Uri baseUrl, ExchangeAccount? account, IReadOnlyList<string> budgetKeys, IReadOnlyList<RateLimitRule> rules, CancellationToken cancellationToken)
    {
        // A call cancelled while it waited (for budget, or between retries) is neither signed nor sent.
        cancellationToken.ThrowIfCancellationRequested();
        var exchange = protocol.Exchange;
        var info = call.Signed ? new ExchangeCallInfo(exchange, account!.ConnectionId, call.Method.Method, call.Path) : null;
        await using var session = call.Signed
            ? await protocol.BeginSigningAsync(account!, cancellationToken).ConfigureAwait(false)
            : SigningSession.Empty;
        string? signature = null;
        using var request = call.Signed
            ? protocol.CreateSignedRequest(call, baseUrl, account!, new SigningContext(Clocks.ExchangeNow(exchange, baseUrl), session.Nonce), out signature)
            : protocol.CreatePublicRequest(call, baseUrl);

        if (info is not null)
        {
            await _observer.OnCallStartingAsync(info, cancellationToken).ConfigureAwait(false);
        }

        using var activity = ExchangeTelemetry.StartCall(exchange, call.Method.Method, call.Path);
        var started = _time.GetTimestamp();
        Attempt attempt;
        try
        {
            var answer = await ExchangeAnswerAsync(request, cancellationToken).ConfigureAwait(false);
            var error = Everywhere(answer, protocol.Classify(answer)) ?? GenericError(answer);
            attempt = error is null ? Attempt.Answered(answer) : Attempt.Refused(Scrub(error, account, signature), answer);
        }
        catch (Exception)
        {
            var elapsed = _time.GetElapsedTime(started);
            TransportLog.NoAnswer(_logger, exchange, call.Method.Method, call.Path, (long)elapsed.TotalMilliseconds);
            ExchangeTelemetry.CallEnded(activity, exchange, call.Method.Method, call.Path, ExchangeCallOutcome.NoAnswer, null, DiagnosisCategory.ExchangeUnavailable, elapsed);
            if (info is not null)
            {
                await _observer.OnCallCompletedAsync(new ExchangeCallRecord(info, ExchangeCallOutcome.NoAnswer, null, DiagnosisCategory.ExchangeUnavailable, elapsed), CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }

        var duration = _time.GetElapsedTime(started);
        TransportLog.Answered(_logger, exchange, call.Method.Method, call.Path, attempt.Response!.StatusCode, attempt.Error?.Category.ToString() ?? "ok", (long)duration.TotalMilliseconds);
        ExchangeTelemetry.CallEnded(
            activity, exchange, call.Method.Method, call.Path, attempt.Error is null ? ExchangeCallOutcome.Succeeded : ExchangeCallOutcome.Refused, attempt.Response.StatusCode, attempt.Error?.Category, duration);
        if (attempt.Error is { Category: DiagnosisCategory.RateLimited } limited)
        {
            var until = limited.RetryAt ?? attempt.Response.RetryAfter ?? attempt.Response.ReceivedAt + DefaultRateLimitPause;
            Budgets.Block(budgetKeys, rules, until);
            TransportLog.ServerRateLimited(_logger, exchange, call.Path, until);
        }

        if (info is not null)
        {
            var outcome = attempt.Error is null ? ExchangeCallOutcome.Succeeded : ExchangeCallOutcome.Refused;
            await _observer.OnCallCompletedAsync(new ExchangeCallRecord(info, outcome, attempt.Response.StatusCode, attempt.Error?.Category, duration), CancellationToken.None).ConfigureAwait(false);
        }

        return attempt;
    }

    private static readonly TimeSpan DefaultRateLimitPause = TimeSpan.FromSeconds(60);

    /// <summary>How far a new measurement must move the clock offset for a refusal that may be the clock to be retried.</summary>
    private static readonly TimeSpan ClockMoved = TimeSpan.FromSeconds(5);

    private async Task<bool> MeasureClockAsync(ExchangeProtocol protocol, Uri baseUrl, CancellationToken cancellationToken)
    {
        if (protocol.Clock is not ClockSource.Endpoint source)
        {
            return false;
        }

        var sentAt = _time.GetUtcNow();
        var attempt = await RunAsync(protocol, ExchangeCall.PublicGet(source.Path), baseUrl, null, cancellationToken).ConfigureAwait(false);
        var receivedAt = _time.GetUtcNow();
        if (attempt.Error is not null || source.Parse(attempt.Response!.Body) is not { } serverTime)
        {
            return false;
        }

        var offset = serverTime - (sentAt + ((receivedAt - sentAt) / 2));
        Clocks.Record(protocol.Exchange, baseUrl, offset);
        TransportLog.ClockMeasured(_logger, protocol.Exchange, (long)offset.TotalMilliseconds);
        return true;
    }

    private bool MeasureFromDateHeader(ExchangeId exchange, Uri baseUrl, ExchangeResponse? response)
    {
        if (response?.ServerDate is not { } serverDate)
        {
            return false;
        }

        // The Date header has whole seconds: half a second is the best estimate of the part it drops.
        var offset = serverDate + TimeSpan.FromMilliseconds(500) - response.ReceivedAt;
        Clocks.Record(exchange, baseUrl, offset);
        TransportLog.ClockMeasured(_logger, exchange, (long)offset.TotalMilliseconds);
        return true;
    }

    private Diagnosis ToDiagnosis(ExchangeId exchange, ExchangeError error, Attempt attempt, Uri baseUrl)
    {
        var response = attempt.Response;
        var retryAt = error.Category == DiagnosisCategory.RateLimited
            ? error.RetryAt ?? response?.RetryAfter ?? (response?.ReceivedAt ?? _time.GetUtcNow()) + DefaultRateLimitPause
            : (DateTimeOffset?)null;
        return new Diagnosis
        {
            Category = error.Category,
            Exchange = exchange,
            ExchangeCode = error.Code,
            ExchangeMessage = error.Message,
            HttpStatus = response?.StatusCode,
            RetryAt = retryAt,
            CallerIp = error.CallerIp,
            Field = error.Field,
            ClockOffset = error.Category == DiagnosisCategory.ClockSkew ? Clocks.Offset(exchange, baseUrl) : null,
            OtherPossibleCauses = error.OtherPossibleCauses ?? [],
            Explanation = error.Explanation ?? DiagnosisTexts.Explanation(error.Category),
            Fix = error.Fix ?? DiagnosisTexts.Fix(error.Category),
        };
    }

    /// <summary>HTTP 451 is a refused location and 429/418 a rate limit on every exchange, whatever the body says;
    /// the exchange's own code and message are kept.</summary>
    private static ExchangeError? Everywhere(ExchangeResponse response, ExchangeError? classified) => response.StatusCode switch
    {
        451 when classified?.Category != DiagnosisCategory.RegionBlocked =>
            new ExchangeError(DiagnosisCategory.RegionBlocked, classified?.Code, classified?.Message),
        429 or 418 when classified?.Category != DiagnosisCategory.RateLimited =>
            new ExchangeError(DiagnosisCategory.RateLimited, classified?.Code, classified?.Message),
        _ => classified,
    };

    /// <summary>What every exchange means by these statuses when its body says nothing more precise.</summary>
    private static ExchangeError? GenericError(ExchangeResponse response) => response.StatusCode switch
    {
        >= 200 and < 300 => null,
        451 => new ExchangeError(DiagnosisCategory.RegionBlocked),
        429 or 418 => new ExchangeError(DiagnosisCategory.RateLimited),
        401 => new ExchangeError(DiagnosisCategory.InvalidKey, OtherPossibleCauses: [DiagnosisCategory.BadSignature, DiagnosisCategory.IpNotAllowed]),
        403 => new ExchangeError(DiagnosisCategory.MissingPermission, OtherPossibleCauses: [DiagnosisCategory.IpNotAllowed]),
        _ => new ExchangeError(DiagnosisCategory.ExchangeUnavailable),
    };

    /// <summary>An exchange may echo parts of the request in its message; none of the credentials or the signature
    /// may travel on in a diagnosis. The secret and passphrase are compared from their pinned bytes, never as strings.</summary>
    private static ExchangeError Scrub(ExchangeError error, ExchangeAccount? account, string? signature)
    {
        if (error.Message is not { Length: > 0 } message || account is null)
        {
            return error;
        }

        var credentials = account.Credentials;
        var scrubbed = Redact(message, credentials.ApiKey);
        scrubbed = Redact(scrubbed, signature);
        scrubbed = SecretRedaction.Redact(scrubbed, credentials.Secret);
        scrubbed = SecretRedaction.Redact(scrubbed, credentials.Passphrase);
        return ReferenceEquals(scrubbed, message) ? error : error with { Message = scrubbed };
    }

    private static string Redact(string text, string? value) =>
        string.IsNullOrEmpty(value) || !text.Contains(value, StringComparison.Ordinal) ? text : text.Replace(value, "***", StringComparison.Ordinal);

    /// <summary>
    /// Sends one request and reads its answer within <see cref="ExchangeClientOptions.Timeout"/>. The timeout bounds the
    /// exchange's time alone: waiting for the rate-limit budget or for the key's nonce (held by a call in flight with
    /// the same key) comes before it and has bounds of its own, so every attempt that is made reaches the wire.
    /// </summary>
    private async Task<ExchangeResponse> ExchangeAnswerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await _httpClient().SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            return new ExchangeResponse((int)response.StatusCode, body, response.Headers, _time.GetUtcNow());
        }
        catch (OperationCanceledException canceled) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutRejectedException($"The exchange did not answer within {_options.Timeout.TotalSeconds:0.###} s.", _options.Timeout, canceled);
        }
    }

    private static bool IsNoAnswer(Exception exception) =>
        exception is HttpRequestException or TimeoutRejectedException or IOException || (exception is TaskCanceledException canceled && canceled.InnerException is TimeoutException);

    private ResiliencePipeline<Attempt> BuildPipeline(int retries)
    {
        var builder = new ResiliencePipelineBuilder<Attempt> { TimeProvider = _time };
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<Attempt>
            {
                MaxRetryAttempts = retries,
                Delay = _options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: { } exception } => IsNoAnswer(exception),
                    { Result: { Error.Category: DiagnosisCategory.ExchangeUnavailable, Response: null or { StatusCode: >= 500 } } } => true,
                    _ => false,
                }),
                OnRetry = args =>
                {
                    TransportLog.Retrying(_logger, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    private readonly record struct AttemptState(ExchangeTransport Transport, ExchangeProtocol Protocol, ExchangeCall Call, Uri BaseUrl, ExchangeAccount? Account);

    /// <summary>One request's end: an answer, a classified refusal (with the answer when there was one), or none.</summary>
    internal sealed record Attempt(ExchangeResponse? Response, ExchangeError? Error)
    {
        public static Attempt Answered(ExchangeResponse response) => new(response, null);

        public static Attempt Refused(ExchangeError error, ExchangeResponse? response) => new(response, error);

        public static Attempt NoAnswer(Exception exception) =>
            new(null, new ExchangeError(DiagnosisCategory.ExchangeUnavailable, Message: exception is TimeoutRejectedException or TaskCanceledException
                ? "The exchange did not answer in time."
                : "The connection to the exchange failed."));
    }
}
