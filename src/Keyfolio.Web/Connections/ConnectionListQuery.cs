using System.Globalization;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Status;
using Keyfolio.Web.Api;
using Keyfolio.Web.Components.Shared;
using Microsoft.AspNetCore.Http;

namespace Keyfolio.Web.Connections;

/// <summary>How My Exchanges is shown.</summary>
public enum ConnectionLayout
{
    Cards,
    List,
}

/// <summary>What My Exchanges is sorted by.</summary>
public enum ConnectionSort
{
    Value,
    Status,
    Exchange,
    LastSync,
    Label,
}

/// <summary>
/// How My Exchanges shows its connections, read from the address (<c>view</c>, <c>sort</c>, <c>dir</c>, <c>group</c>,
/// <c>status</c>, <c>q</c>): cards or a compact list, sorted by value, status, exchange, last sync or label, grouped by
/// exchange or not, filtered by status and searched by label. The layout, the sort and the grouping are remembered in
/// a cookie of this browser when the address sets them; the filter and the search are not.
/// </summary>
public sealed record ConnectionListQuery
{
    /// <summary>The cookie that remembers the layout, sort and grouping; nothing secret, this browser's choice only.</summary>
    public const string CookieName = "keyfolio-exchanges-view";

    /// <summary>The status filter that keeps what the page's "need attention" count counts.</summary>
    public const string AttentionFilter = "attention";

    public ConnectionLayout Layout { get; init; } = ConnectionLayout.Cards;

    public ConnectionSort Sort { get; init; } = ConnectionSort.Value;

    /// <summary>Ascending; each sort has its natural direction by default (value, status and last sync: the most first).</summary>
    public bool Ascending { get; init; }

    public bool GroupByExchange { get; init; }

    /// <summary><c>attention</c>, or a status code's name (<c>wrongPassphrase</c>); null for every status.</summary>
    public string? Status { get; init; }

    /// <summary>Part of the label, any case.</summary>
    public string? Search { get; init; }

    /// <summary>The address sets the remembered part (layout, sort, grouping): it is stored as this browser's choice.</summary>
    public bool SetsRemembered { get; init; }

    /// <summary>How many connections one page shows: hundreds of cards or rows at once are slow to render and to read.</summary>
    public const int PageSize = 100;

    /// <summary>The page shown, from 1.</summary>
    public int Page { get; init; } = 1;

    public static ConnectionListQuery From(IQueryCollection query, string? remembered)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sets = query.ContainsKey("view") || query.ContainsKey("sort") || query.ContainsKey("dir") || query.ContainsKey("group");
        var source = sets ? query : Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseNullableQuery(remembered) is { } saved ? new QueryCollection(saved) : QueryCollection.Empty;
        var sort = Parse(source["sort"], ConnectionSort.Value);
        var direction = source["dir"].ToString();
        return new ConnectionListQuery
        {
            Layout = Parse(source["view"], ConnectionLayout.Cards),
            Sort = sort,
            Ascending = direction switch
            {
                "asc" => true,
                "desc" => false,
                _ => DefaultAscending(sort),
            },
            GroupByExchange = source["group"] == "exchange",
            Status = query["status"].ToString() is { Length: > 0 and <= 40 } status ? status : null,
            Search = query["q"].ToString().Trim() is { Length: > 0 } search ? search[..Math.Min(search.Length, 100)] : null,
            SetsRemembered = sets,
            Page = int.TryParse(query["page"], System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= 100_000 ? page : 1,
        };
    }

    /// <summary>Labels and exchanges read A to Z; values, statuses and syncs the most (the worst, the newest) first.</summary>
    public static bool DefaultAscending(ConnectionSort sort) => sort is ConnectionSort.Exchange or ConnectionSort.Label;

    /// <summary>The remembered part, as the cookie holds it.</summary>
    public string Remembered =>
        string.Create(CultureInfo.InvariantCulture, $"view={Name(Layout)}&sort={Name(Sort)}&dir={(Ascending ? "asc" : "desc")}&group={(GroupByExchange ? "exchange" : "none")}");

    /// <summary>The connections to show, filtered and sorted.</summary>
    public IReadOnlyList<ConnectionView> Apply(IEnumerable<ConnectionView> views)
    {
        ArgumentNullException.ThrowIfNull(views);
        var shown = views.Where(v => Matches(v));
        var sorted = Sort switch
        {
            ConnectionSort.Status => Order(shown, v => Severity(v)),
            ConnectionSort.Exchange => Order(shown, v => v.Connection.Descriptor.DisplayName, StringComparer.CurrentCultureIgnoreCase),
            ConnectionSort.LastSync => Order(shown, v => v.Connection.LastSuccessAt ?? DateTimeOffset.MinValue),
            ConnectionSort.Label => Order(shown, v => v.Connection.Label, StringComparer.CurrentCultureIgnoreCase),
            _ => Order(shown, v => v.TotalUsd),
        };
        var ordered = sorted.ThenBy(v => v.Connection.Label, StringComparer.CurrentCultureIgnoreCase);
        return GroupByExchange
            ? [.. ordered.GroupBy(v => v.Connection.Descriptor.DisplayName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.CurrentCultureIgnoreCase).SelectMany(g => g)]
            : [.. ordered];
    }

    /// <summary>True when a connection passes the status filter and the search.</summary>
    public bool Matches(ConnectionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var status = Status switch
        {
            null => true,
            AttentionFilter => NeedsAttention(view),
            var code => string.Equals(ApiViews.Name(view.Status.Code), code, StringComparison.Ordinal),
        };
        return status && (Search is null || view.Connection.Label.Contains(Search, StringComparison.CurrentCultureIgnoreCase));
    }

    /// <summary>A key the exchange refuses, or one that can withdraw: what My Exchanges counts as needing attention.</summary>
    public static bool NeedsAttention(ConnectionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Status.IsKeyProblem || view.Status.Code == ConnectionStatusCode.WithdrawalEnabled;
    }

    /// <summary>This query with another sort: the same column again turns the direction round; back to the first page.</summary>
    public ConnectionListQuery SortedBy(ConnectionSort sort) =>
        this with { Sort = sort, Ascending = sort == Sort ? !Ascending : DefaultAscending(sort), Page = 1 };

    /// <summary>How many pages the shown connections fill.</summary>
    public static int PageCount(int shown) => Math.Max(1, (shown + PageSize - 1) / PageSize);

    /// <summary>The connections of the page asked for, of those shown (filtered and sorted); the last page when it asks
    /// for one beyond.</summary>
    public IReadOnlyList<ConnectionView> OnPage(IReadOnlyList<ConnectionView> shown)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var page = Math.Min(Page, PageCount(shown.Count));
        return [.. shown.Skip((page - 1) * PageSize).Take(PageSize)];
    }

    /// <summary>The address of this query on My Exchanges.</summary>
    public string Href(string path = "/exchanges")
    {
        var parts = new List<string>
        {
            "view=" + Name(Layout),
            "sort=" + Name(Sort),
            "dir=" + (Ascending ? "asc" : "desc"),
            "group=" + (GroupByExchange ? "exchange" : "none"),
        };
        if (Status is not null)
        {
            parts.Add("status=" + Uri.EscapeDataString(Status));
        }

        if (Search is not null)
        {
            parts.Add("q=" + Uri.EscapeDataString(Search));
        }

        if (Page > 1)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"page={Page}"));
        }

        return path + "?" + string.Join('&', parts);
    }

    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => ApiViews.Name(value);

    private IOrderedEnumerable<ConnectionView> Order<TKey>(IEnumerable<ConnectionView> views, Func<ConnectionView, TKey> key, IComparer<TKey>? comparer = null) =>
        Ascending ? views.OrderBy(key, comparer) : views.OrderByDescending(key, comparer);

    /// <summary>How bad a status is, to sort by: critical, warning, then the rest, each worst code first.</summary>
    private static int Severity(ConnectionView view) => StatusTones.Of(view.Status.Code) switch
    {
        BadgeTone.Critical => 400,
        BadgeTone.Warning => 300,
        BadgeTone.Info => 200,
        BadgeTone.Muted => 100,
        _ => 0,
    } + (int)ConnectionStatusCode.Connected - (int)view.Status.Code;

    private static TEnum Parse<TEnum>(Microsoft.Extensions.Primitives.StringValues value, TEnum fallback) where TEnum : struct, Enum
    {
        var text = value.ToString();
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Name(candidate), text, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return fallback;
    }
}
