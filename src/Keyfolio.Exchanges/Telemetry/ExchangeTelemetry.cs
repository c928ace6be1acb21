using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Keyfolio.Exchanges.Telemetry;

/// <summary>
/// The exchange calls' metrics and traces: every HTTP request sent to an exchange is counted and timed by exchange,
/// endpoint and outcome, and is an activity of <see cref="SourceName"/>. Tags hold only bounded, public values: the
/// exchange's name, the endpoint's path with account numbers and other identifiers replaced by <c>{id}</c>, the method,
/// the outcome, the HTTP status and the refusal's category. Never a key, a secret, a signature, a query or a label.
/// </summary>
public static class ExchangeTelemetry
{
    /// <summary>The name of every Keyfolio meter (<c>keyfolio.*</c> instruments).</summary>
    public const string MeterName = "Keyfolio";

    /// <summary>The name of every Keyfolio activity source.</summary>
    public const string SourceName = "Keyfolio";

    public const string CallActivityName = "keyfolio.exchange.call";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ActivitySource Source = new(SourceName);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>(
        "keyfolio.exchange.calls", "{call}", "HTTP requests sent to exchanges, by exchange, endpoint, method, outcome and status.");

    private static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
        "keyfolio.exchange.call.duration", "s", "How long an exchange took to answer one request.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    private static readonly Counter<long> RateLimited = Meter.CreateCounter<long>(
        "keyfolio.exchange.rate_limited", "{answer}", "Answers with HTTP 429 (too many requests) or 418 (address banned), by exchange and status.");

    private static readonly Histogram<double> RateLimitWait = Meter.CreateHistogram<double>(
        "keyfolio.exchange.rate_limit.wait", "s", "Time a request waited for the exchange's rate-limit budget before it was sent.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });

    private static readonly Counter<long> RateLimitRefusals = Meter.CreateCounter<long>(
        "keyfolio.exchange.rate_limit.refusals", "{call}", "Requests not sent because the rate-limit budget was spent for longer than Keyfolio waits.");

    /// <summary>The endpoint as a tag: the path without query, every segment that is not a plain word (an account
    /// number, an identifier) replaced by <c>{id}</c>, so that tags stay few and say nothing about an account.</summary>
    public static string EndpointOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var query = path.IndexOfAny(['?', '#']);
        var bare = query >= 0 ? path[..query] : path;
        var segments = bare.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Length > 0 && !IsWord(segments[i]))
            {
                segments[i] = "{id}";
            }
        }

        return string.Join('/', segments);
    }

    // A word: letters with '-', '_' or '.' between them, or a version (v1, v5, or a lone digit); anything else with digits is an identifier.
    private static bool IsWord(string segment)
    {
        if ((segment.Length == 1 && char.IsAsciiDigit(segment[0])) || (segment.Length is 2 or 3 && segment[0] is 'v' or 'V' && segment.Skip(1).All(char.IsAsciiDigit)))
        {
            return true;
        }

        return segment.Length <= 40 && segment.All(c => char.IsAsciiLetter(c) || c is '-' or '_' or '.');
    }

    internal static Activity? StartCall(ExchangeId exchange, string method, string path)
    {
        var activity = Source.StartActivity(CallActivityName, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("keyfolio.exchange", exchange.ToName());
            activity.SetTag("keyfolio.endpoint", EndpointOf(path));
            activity.SetTag("http.request.method", method);
        }

        return activity;
    }

    internal static void CallEnded(Activity? activity, ExchangeId exchange, string method, string path, ExchangeCallOutcome outcome, int? status, DiagnosisCategory? category, TimeSpan duration)
    {
        var name = exchange.ToName();
        var endpoint = EndpointOf(path);
        var outcomeName = OutcomeName(outcome);
        var tags = new TagList
        {
            { "exchange", name },
            { "endpoint", endpoint },
            { "method", method },
            { "outcome", outcomeName },
            { "status", status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none" },
        };
        if (category is { } refused)
        {
            tags.Add("category", refused.ToString());
        }

        Calls.Add(1, tags);
        CallDuration.Record(duration.TotalSeconds, new TagList { { "exchange", name }, { "endpoint", endpoint }, { "outcome", outcomeName } });
        if (status is 429 or 418)
        {
            RateLimited.Add(1, new TagList { { "exchange", name }, { "status", status.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
        }

        if (activity is not null)
        {
            activity.SetTag("keyfolio.outcome", outcomeName);
            if (status is { } code)
            {
                activity.SetTag("http.response.status_code", code);
            }

            if (category is { } why)
            {
                activity.SetTag("keyfolio.refusal", why.ToString());
            }

            activity.SetStatus(outcome == ExchangeCallOutcome.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        }
    }

    internal static void Waited(ExchangeId exchange, TimeSpan wait) =>
        RateLimitWait.Record(wait.TotalSeconds, new TagList { { "exchange", exchange.ToName() } });

    internal static void BudgetRefused(ExchangeId exchange) =>
        RateLimitRefusals.Add(1, new TagList { { "exchange", exchange.ToName() } });

    private static string OutcomeName(ExchangeCallOutcome outcome) => outcome switch
    {
        ExchangeCallOutcome.Succeeded => "succeeded",
        ExchangeCallOutcome.Refused => "refused",
        _ => "no_answer",
    };
}
