using System.Security.Cryptography;
using System.Text;
using Keyfolio.Core.Access;
using Keyfolio.Vault;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace Keyfolio.Web.Security.Forms;

/// <summary>
/// Redirect after a refused post: the refusal is kept here, on the server, under a random id, and the browser is sent
/// (303) to the page's own address with that id (<c>?form=…</c>), which shows the refusal just as the post would have.
/// A reload then reads the page again instead of sending the form again. An id belongs to the session that made it (or,
/// before there is one, to the browser's antiforgery cookie), is read once — the page it shows is given a fresh id for
/// the same refusal, which the page script puts in the address bar, so a reload shows the refusal again — and lapses
/// after <see cref="Lifetime"/> from the post. The store holds at most <see cref="PerOwner"/> refusals a session and
/// <see cref="Capacity"/> in all, each at most <see cref="MaxSize"/> characters of values, and forgets everything when
/// the vault locks.
/// </summary>
public sealed class RefusedForms
{
    /// <summary>The query parameter that carries the id.</summary>
    public const string QueryName = "form";

    public const int PerOwner = 8;

    public const int Capacity = 256;

    public const int MaxSize = 16 * 1024;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public RefusedForms(VaultAccess vault, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        vault.StateChanged += (_, change) =>
        {
            if (change.State == VaultState.Locked)
            {
                Clear();
            }
        };
    }

    /// <summary>How many refusals are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Keeps <paramref name="form"/> and sends the browser to this page's address with its id, answering 303 See Other.
    /// Without a session or an antiforgery cookie to bind it to, or with values too large to keep, it does nothing
    /// and the page shows the refusal in place, as it renders now.
    /// </summary>
    public void RedirectBack(HttpContext context, NavigationManager navigation, RefusedForm form)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(navigation);
        ArgumentNullException.ThrowIfNull(form);
        if (Owner(context) is not { } owner || form.Size > MaxSize)
        {
            return;
        }

        var id = Keep(owner, context.Request.Path, form, _time.GetUtcNow() + Lifetime);
        // The page's redirect is a 302 (NavigationManager); a refused post answers 303, so that no browser sends it again.
        context.Response.OnStarting(() =>
        {
            if (context.Response.StatusCode == StatusCodes.Status302Found)
            {
                context.Response.StatusCode = StatusCodes.Status303SeeOther;
            }

            return Task.CompletedTask;
        });
        navigation.NavigateTo(Address(context.Request, id));
    }

    /// <summary>
    /// The refusal of the form named <paramref name="formName"/> on this page that the read's <c>?form=</c> id names, for
    /// this session, or null (a post, another form's id, an id used, lapsed or another session's). The id is spent; the
    /// refusal is kept under a new one, which <see cref="RecalledForm.Address"/> carries, until the same deadline.
    /// </summary>
    public RecalledForm? Recall(HttpContext context, string formName)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(formName);
        if (!HttpMethods.IsGet(context.Request.Method)
            || context.Request.Query[QueryName].ToString() is not { Length: > 0 } id
            || Owner(context) is not { } owner)
        {
            return null;
        }

        Entry entry;
        lock (_lock)
        {
            if (!_entries.TryGetValue(id, out entry!)
                || !string.Equals(entry.Form.FormName, formName, StringComparison.Ordinal)
                || !string.Equals(entry.Path, context.Request.Path, StringComparison.OrdinalIgnoreCase)
                || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(entry.Owner), Encoding.UTF8.GetBytes(owner)))
            {
                return null;
            }

            _entries.Remove(id);
        }

        if (entry.Deadline <= _time.GetUtcNow())
        {
            return null;
        }

        var renewed = Keep(owner, entry.Path, entry.Form, entry.Deadline);
        return new RecalledForm(entry.Form, Address(context.Request, renewed));
    }

    /// <summary>Forgets every refusal kept.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
        }
    }

    private string Keep(string owner, string path, RefusedForm form, DateTimeOffset deadline)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            foreach (var lapsed in _entries.Where(e => e.Value.Deadline <= now).Select(e => e.Key).ToList())
            {
                _entries.Remove(lapsed);
            }

            // The oldest goes first: of the session's own when it has its fill, of anyone's when the store has.
            DropOldest(e => e.Owner == owner, PerOwner);
            DropOldest(_ => true, Capacity);
            _entries[id] = new Entry(owner, path, form, deadline, now);
        }

        return id;
    }

    private void DropOldest(Func<Entry, bool> among, int limit)
    {
        var held = _entries.Where(e => among(e.Value)).OrderBy(e => e.Value.KeptAt).ToList();
        foreach (var oldest in held.Take(Math.Max(0, held.Count - limit + 1)))
        {
            _entries.Remove(oldest.Key);
        }
    }

    /// <summary>The session's own id; before there is a session (setting up the vault), a digest of the browser's
    /// antiforgery cookie, which only that browser sends.</summary>
    private static string? Owner(HttpContext context)
    {
        if (KeyfolioSession.SessionId(context.User) is { } session)
        {
            return "session:" + session;
        }

        return context.Request.Cookies[KeyfolioCookies.Antiforgery] is { Length: > 0 } cookie
            ? "browser:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cookie)))
            : null;
    }

    /// <summary>This page's path and query, with <paramref name="id"/> in place of any earlier one.</summary>
    private static string Address(HttpRequest request, string id)
    {
        var query = new QueryBuilder(request.Query.Where(q => !string.Equals(q.Key, QueryName, StringComparison.OrdinalIgnoreCase)))
        {
            { QueryName, id },
        };
        return request.PathBase + request.Path + query.ToQueryString();
    }

    private sealed record Entry(string Owner, string Path, RefusedForm Form, DateTimeOffset Deadline, DateTimeOffset KeptAt);
}
