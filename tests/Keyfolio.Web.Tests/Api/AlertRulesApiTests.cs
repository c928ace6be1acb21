using System.Net;
using Keyfolio.Core.Alerts;
using Keyfolio.Core.Audit;
using Keyfolio.Vault.Audit;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Api;

/// <summary><c>/api/alerts/rules</c>: the rules in force, and changing some of them with the rest left as they were.</summary>
public sealed class AlertRulesApiTests : IDisposable
{
    private readonly KeyfolioWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_rules_are_read_and_a_change_touches_only_what_it_names_and_is_audited()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        var before = await ApiCalls.GetJsonAsync(client, "/api/alerts/rules");
        using var patched = await ApiCalls.SendAsync(client, HttpMethod.Patch, "/api/alerts/rules", new { off = new[] { "key.unused" }, quiet = "22:00-07:00 Europe/Berlin", pause = new[] { "email" } });
        var changed = await ApiCalls.JsonAsync(patched);
        using var second = await ApiCalls.SendAsync(client, HttpMethod.Patch, "/api/alerts/rules", new { on = new[] { "key.unused" }, expiryDays = "14, 3", quiet = "", valueDropPercent = 25, figures = true });
        var after = await ApiCalls.JsonAsync(second);
        var stored = await _factory.Service<AlertRulesService>().GetAsync(CancellationToken.None);
        var audited = await _factory.Service<AuditTrail>().ReadPageAsync(new AuditQuery { Action = AuditAction.AlertRulesChanged, Limit = 10 }, CancellationToken.None);

        var withdraw = before.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("code").GetString() == "key.withdraw_right");
        Assert.Equal((true, false), (withdraw.GetProperty("on").GetBoolean(), withdraw.GetProperty("canTurnOff").GetBoolean()));
        Assert.Equal([7.0, 1.0], before.GetProperty("expiryDays").EnumerateArray().Select(d => d.GetDouble()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, before.GetProperty("quiet").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, before.GetProperty("valueDropPercent").ValueKind);
        Assert.False(before.GetProperty("figures").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.False(changed.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("code").GetString() == "key.unused").GetProperty("on").GetBoolean());
        Assert.Equal(("22:00", "07:00", "Europe/Berlin"), (changed.GetProperty("quiet").GetProperty("from").GetString(), changed.GetProperty("quiet").GetProperty("to").GetString(), changed.GetProperty("quiet").GetProperty("timeZone").GetString()));
        Assert.Equal(["email"], changed.GetProperty("paused").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True(after.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("code").GetString() == "key.unused").GetProperty("on").GetBoolean());
        Assert.Equal([14.0, 3.0], after.GetProperty("expiryDays").EnumerateArray().Select(d => d.GetDouble()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after.GetProperty("quiet").ValueKind);
        Assert.Equal(["email"], after.GetProperty("paused").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(before.GetProperty("unusedDays").GetInt32(), after.GetProperty("unusedDays").GetInt32());
        Assert.Equal(["email"], stored.Paused);
        Assert.Equal((25, true), (after.GetProperty("valueDropPercent").GetInt32(), after.GetProperty("figures").GetBoolean()));
        Assert.Equal((25, true), (stored.ValueDropPercent, stored.IncludeFigures));
        Assert.Equal(2, audited.Count);
        Assert.All(audited, e => Assert.StartsWith("web", e.Actor, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"off\": [\"audit.chain_broken\"]}", "off")]
    [InlineData("{\"on\": [\"key.teleported\"]}", "on")]
    [InlineData("{\"expiryDays\": \"0\"}", "expiryDays")]
    [InlineData("{\"unusedDays\": 0}", "unusedDays")]
    [InlineData("{\"quiet\": \"22:00-07:00 Mars/Olympus\"}", "quiet")]
    [InlineData("{\"pause\": [\"pager\"]}", "pause")]
    [InlineData("{\"valueDropPercent\": 91}", "valueDropPercent")]
    [InlineData("{\"paused\": [\"email\"]}", "paused")]
    [InlineData("{\"pause\": [\"email\"], \"offf\": [\"key.unused\"]}", "offf")]
    public async Task A_change_that_cannot_be_kept_is_refused_naming_its_field(string body, string field)
    {
        using var client = await _factory.CreateSignedInClientAsync();
        var token = await Antiforgery.ForApiAsync(client);

        using var request = new HttpRequestMessage(HttpMethod.Patch, "/api/alerts/rules") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(token.HeaderName, token.Token);
        using var response = await client.SendAsync(request);
        var problem = await ApiCalls.JsonAsync(response);
        var rules = await _factory.Service<AlertRulesService>().GetAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("fix").GetString()));
        Assert.Empty(rules.Off);
        Assert.Empty(rules.Paused);
    }
}
