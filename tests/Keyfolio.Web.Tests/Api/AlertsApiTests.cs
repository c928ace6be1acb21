using System.Net;
using Keyfolio.Core.Alerts;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Api;

public sealed class AlertsApiTests(SeededApp app) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task The_alerts_are_listed_newest_first_in_the_requests_language_and_marked_read_up_to_an_id()
    {
        var client = await app.ClientAsync();
        await app.Factory.Service<AlertMonitor>().DetectAsync(CancellationToken.None);

        var all = await ApiCalls.GetJsonAsync(client, "/api/alerts");
        var alerts = all.GetProperty("alerts").EnumerateArray().ToList();
        var ids = alerts.Select(a => a.GetProperty("id").GetInt64()).ToList();
        var withdraw = alerts.Single(a => a.GetProperty("type").GetString() == "key.withdraw_right");
        var oldest = ids.Min();
        using var marked = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/alerts/read", new { upToId = oldest });
        var markedCount = (await ApiCalls.JsonAsync(marked)).GetProperty("marked").GetInt32();
        var unread = await ApiCalls.GetJsonAsync(client, "/api/alerts?unread=true");

        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal(alerts.Count, all.GetProperty("unread").GetInt32());
        Assert.Equal(("critical", "Binance withdraw-enabled", "binance", app.Ids["Binance withdraw-enabled"]), (withdraw.GetProperty("severity").GetString(), withdraw.GetProperty("connection").GetString(), withdraw.GetProperty("exchange").GetString(), withdraw.GetProperty("connectionId").GetString()));
        Assert.Contains("can withdraw", withdraw.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKindNull, withdraw.GetProperty("readAt").ValueKind);
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Equal(1, markedCount);
        Assert.Equal(alerts.Count - 1, unread.GetProperty("unread").GetInt32());
        Assert.DoesNotContain(unread.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("id").GetInt64() == oldest);
        foreach (var label in SeededApp.Seeded)
        {
            var account = app.Account(label);
            Assert.DoesNotContain(account.ApiKey, all.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(account.Secret, all.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Chinese_is_answered_when_asked_for()
    {
        using var client = await app.Factory.CreateSignedInClientAsync("zh-Hans");
        await app.Factory.Service<AlertMonitor>().DetectAsync(CancellationToken.None);

        var all = await ApiCalls.GetJsonAsync(client, "/api/alerts");

        var withdraw = all.GetProperty("alerts").EnumerateArray().First(a => a.GetProperty("type").GetString() == "key.withdraw_right");
        Assert.Contains("提币", withdraw.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/alerts?limit=0", "limit")]
    [InlineData("/api/alerts?limit=501", "limit")]
    public async Task A_limit_out_of_range_is_refused_naming_it(string path, string field)
    {
        var client = await app.ClientAsync();

        using var response = await client.GetAsync(path);
        var problem = await ApiCalls.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Marking_read_without_an_id_is_refused_naming_the_field()
    {
        var client = await app.ClientAsync();

        using var response = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/alerts/read", new { });
        var problem = await ApiCalls.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("upToId", problem.GetProperty("field").GetString());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
