using Keyfolio.Web.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Keyfolio.Web.Tests.Connections;

/// <summary>How the address and the remembered cookie decide how My Exchanges shows its connections.</summary>
public sealed class ConnectionListQueryTests
{
    private static ConnectionListQuery From(string query, string? cookie = null) =>
        ConnectionListQuery.From(new QueryCollection(QueryHelpers.ParseQuery(query)), cookie);

    [Fact]
    public void Without_an_address_or_a_cookie_it_is_the_cards_by_value_most_first()
    {
        var query = From(string.Empty);

        Assert.Equal((ConnectionLayout.Cards, ConnectionSort.Value, false, false, false), (query.Layout, query.Sort, query.Ascending, query.GroupByExchange, query.SetsRemembered));
    }

    [Fact]
    public void The_address_sets_the_remembered_part_and_the_cookie_gives_it_back_but_never_the_filter_or_the_search()
    {
        var asked = From("view=list&sort=label&group=exchange&status=attention&q=main");
        var again = From(string.Empty, asked.Remembered);
        var filteredOnly = From("status=connected", asked.Remembered);

        Assert.True(asked.SetsRemembered);
        Assert.Equal((ConnectionLayout.List, ConnectionSort.Label, true, true), (asked.Layout, asked.Sort, asked.Ascending, asked.GroupByExchange));
        Assert.Equal(("attention", "main"), (asked.Status, asked.Search));
        Assert.Equal((ConnectionLayout.List, ConnectionSort.Label, true, true, null, null), (again.Layout, again.Sort, again.Ascending, again.GroupByExchange, again.Status, again.Search));
        Assert.False(again.SetsRemembered);
        Assert.Equal((ConnectionLayout.List, "connected"), (filteredOnly.Layout, filteredOnly.Status));
        Assert.DoesNotContain("attention", asked.Remembered, StringComparison.Ordinal);
        Assert.DoesNotContain("main", asked.Remembered, StringComparison.Ordinal);
    }

    [Fact]
    public void Sorting_by_the_same_column_again_turns_it_round_and_another_column_starts_in_its_own_direction()
    {
        var byValue = From("view=list");

        var flipped = byValue.SortedBy(ConnectionSort.Value);
        var byExchange = flipped.SortedBy(ConnectionSort.Exchange);

        Assert.False(byValue.Ascending);
        Assert.True(flipped.Ascending);
        Assert.Equal((ConnectionSort.Exchange, true), (byExchange.Sort, byExchange.Ascending));
        Assert.Equal(byExchange with { SetsRemembered = true }, From(new Uri("http://host" + byExchange.Href()).Query));
    }

    [Fact]
    public void Unknown_or_oversized_values_fall_back_instead_of_failing()
    {
        var query = From("view=tiles&sort=colour&dir=sideways&q=" + new string('x', 300) + "&status=" + new string('y', 60));

        Assert.Equal((ConnectionLayout.Cards, ConnectionSort.Value, false, null), (query.Layout, query.Sort, query.Ascending, query.Status));
        Assert.Equal(100, query.Search!.Length);
    }

    [Fact]
    public void Hundreds_of_connections_are_shown_a_hundred_a_page_and_a_page_beyond_shows_the_last()
    {
        var query = From("view=list&page=3");

        Assert.Equal(3, ConnectionListQuery.PageCount(250));
        Assert.Equal(1, ConnectionListQuery.PageCount(0));
        Assert.Equal(1, ConnectionListQuery.PageCount(100));
        Assert.Equal(3, query.Page);
        Assert.Contains("page=3", query.Href(), StringComparison.Ordinal);
        Assert.DoesNotContain("page=", (query with { Page = 1 }).Href(), StringComparison.Ordinal);
        Assert.Equal(1, query.SortedBy(ConnectionSort.Label).Page);
        Assert.Equal(1, From("page=0").Page);
        Assert.Equal(1, From("page=lots").Page);
        Assert.Empty(query.OnPage([]));
    }
}
