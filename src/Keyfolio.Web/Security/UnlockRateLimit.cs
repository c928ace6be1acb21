using System.Globalization;
using Keyfolio.Core.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Keyfolio.Web.Security;

/// <summary>
/// The rate limit on password attempts: 5 wrong ones a minute per client address (SECURITY.md, "Web surface"), over the
/// unlock, create, recover, change-password and audit-reseal forms and <c>POST /api/vault/unlock</c>. Only a wrong
/// password (or recovery key) counts: each attempt whose antiforgery token checked out takes a permit before the vault
/// derives anything (so parallel guesses cannot outrun the limit), and an attempt that turned out right, or that never
/// tested a password (a new password breaking the rules, two entries that differ), gives it back
/// (<see cref="GiveBack"/>). So choosing a password never locks the form, and a request that tests no password — no
/// token, a forged one, an empty field — never uses up the owner's attempts, even though every loopback client shares
/// one address. A refused attempt is audited. The window runs on the app's <see cref="TimeProvider"/>. The vault's own
/// growing delay after each wrong password is separate and stays; <see cref="Wait"/> is the one wait a page shows.
/// </summary>
public sealed class UnlockRateLimit
{
    public const int PermitsPerWindow = 5;

    /// <summary>The query parameter a page is reopened with after a refused attempt, to say why.</summary>
    public const string ThrottledParameter = "throttled";

    /// <summary>Kept windows beyond which the expired ones are dropped.</summary>
    private const int PruneAbove = 1024;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public UnlockRateLimit(TimeProvider time) => _time = time;

    /// <summary>
    /// Counts one password attempt from the request's client address. Call it only once the antiforgery token was
    /// validated and a password is present. False (with how long to wait) when the address used its attempts.
    /// </summary>
    public bool TryAcquire(HttpContext context, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = Address(context);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_windows.Count > PruneAbove)
            {
                foreach (var expired in _windows.Where(w => now - w.Value.Start >= Window).Select(w => w.Key).ToList())
                {
                    _windows.Remove(expired);
                }
            }

            if (!_windows.TryGetValue(address, out var window) || now - window.Start >= Window)
            {
                window = (now, 0);
            }

            if (window.Count >= PermitsPerWindow)
            {
                retryAfter = window.Start + Window - now;
                return false;
            }

            _windows[address] = (window.Start, window.Count + 1);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>Gives back the permit an attempt took when it tested no wrong password (it was right, or never tried).</summary>
    public void GiveBack(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = Address(context);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_windows.TryGetValue(address, out var window) && now - window.Start < Window && window.Count > 0)
            {
                _windows[address] = (window.Start, window.Count - 1);
            }
        }
    }

    /// <summary>How long until the request's address may make another attempt (zero when it may now).</summary>
    public TimeSpan Remaining(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            return _windows.TryGetValue(Address(context), out var window) && now - window.Start < Window && window.Count >= PermitsPerWindow
                ? window.Start + Window - now
                : TimeSpan.Zero;
        }
    }

    /// <summary>
    /// The one wait a password page shows: until this address may try again and the vault's delay after the last wrong
    /// password has run out, whichever is later; and whether the rate limit (rather than the delay) is the reason.
    /// </summary>
    public (TimeSpan Wait, bool TooMany) Wait(HttpContext context, VaultAccess vault)
    {
        ArgumentNullException.ThrowIfNull(vault);
        var limited = Remaining(context);
        var delay = vault.NextAttemptDelay;
        return limited >= delay ? (limited, limited > TimeSpan.Zero) : (delay, false);
    }

    /// <summary>
    /// Counts one attempt; when refused, audits the refusal (<c>vault.unlock_failed</c>, outcome
    /// <c>{purpose}: too many attempts</c>) and returns how long to wait.
    /// </summary>
    public async Task<TimeSpan?> RefusedAsync(HttpContext context, string purpose)
    {
        if (TryAcquire(context, out var retryAfter))
        {
            return null;
        }

        await context.RequestServices.GetRequiredService<VaultAccess>().RecordRefusedAttemptAsync(purpose + ": too many attempts", context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.RetryAfter = Seconds(retryAfter);
        return retryAfter;
    }

    /// <summary>The page a refused form goes back to, which says to wait (in the reader's language).</summary>
    public static string ThrottledUrl(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Path + "?" + ThrottledParameter + "=1";
    }

    /// <summary>
    /// The API's answer to a refused attempt: 429 with Retry-After (set by <see cref="RefusedAsync"/>) and, like every
    /// other refusal of the API, <c>kind</c> (<c>tooManyAttempts</c>), <c>fix</c> and <c>retryAt</c>.
    /// </summary>
    public static ProblemHttpResult TooMany(TimeSpan retryAfter, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var seconds = Seconds(retryAfter);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many attempts",
            detail: "Too many unlock attempts from this address. Wait " + seconds + " s, then try again.",
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["kind"] = TooManyKind,
                ["fix"] = "Wait " + seconds + " s (the Retry-After header), then send the unlock request again with the right password.",
                ["retryAt"] = clock.GetUtcNow() + TimeSpan.FromSeconds(int.Parse(seconds, CultureInfo.InvariantCulture)),
            });
    }

    /// <summary>The <c>kind</c> of the API's answer when the unlock limit refuses an attempt.</summary>
    public const string TooManyKind = "tooManyAttempts";

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
