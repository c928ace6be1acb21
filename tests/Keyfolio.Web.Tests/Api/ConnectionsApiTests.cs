using System.Net;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Api;

public sealed class ConnectionsApiTests(SeededApp app) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task List_shows_every_connection_with_its_status_findings_and_a_masked_key()
    {
        var client = await app.ClientAsync();

        var list = await ApiCalls.GetJsonAsync(client, "/api/connections");

        var byLabel = list.EnumerateArray().ToDictionary(c => c.GetProperty("label").GetString()!);
        Assert.Superset(SeededApp.Seeded.ToHashSet(), byLabel.Keys.ToHashSet());
        Assert.Equal("connected", byLabel["Binance main"].GetProperty("status").GetProperty("code").GetString());
        Assert.Equal("withdrawalEnabled", byLabel["Binance withdraw-enabled"].GetProperty("status").GetProperty("code").GetString());
        Assert.Contains(byLabel["Binance withdraw-enabled"].GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "canWithdraw" && f.GetProperty("severity").GetString() == "critical");
        var apiKey = app.Account("Binance main").ApiKey;
        Assert.Equal("****" + apiKey[^4..], byLabel["Binance main"].GetProperty("apiKey").GetString());
        Assert.Equal(54493.75m, byLabel["Binance main"].GetProperty("totalUsd").GetDecimal());
        Assert.DoesNotContain(apiKey, list.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statuses_and_fixes_come_in_the_language_the_client_asks_for()
    {
        var client = await app.ClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/connections");
        request.Headers.AcceptLanguage.ParseAdd("zh-Hans");

        using var response = await client.SendAsync(request);

        var list = await ApiCalls.JsonAsync(response);
        var status = list.EnumerateArray().Single(c => c.GetProperty("label").GetString() == "Binance withdraw-enabled").GetProperty("status");
        Assert.Equal("已开启提币权限", status.GetProperty("title").GetString());
        Assert.Contains("提币", status.GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_a_connection_verifies_the_key_and_answers_201_with_its_holdings_and_no_secret()
    {
        var client = await app.ClientAsync();
        var account = app.Account("HTX main");

        using var response = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/connections", new { exchange = "htx", label = "HTX via API", apiKey = account.ApiKey, secret = account.Secret });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await ApiCalls.JsonAsync(response);
        Assert.Equal("/api/connections/" + created.GetProperty("id").GetString(), response.Headers.Location!.OriginalString);
        Assert.Equal("connected", created.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal(Expected(account), created.GetProperty("totalUsd").GetDecimal());
        Assert.Equal(account.Balances.Count, created.GetProperty("holdings").GetArrayLength());
        Assert.Equal("****" + account.ApiKey[^4..], created.GetProperty("apiKey").GetString());
    }

    [Fact]
    public async Task A_malformed_key_is_refused_before_any_call_naming_the_field_and_the_fix()
    {
        var client = await app.ClientAsync();
        var account = app.Account("Gate main");
        var before = app.Simulator.Control.GetCounters("gate").Requests;

        using var response = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/connections", new { exchange = "gate", label = "Gate typo", apiKey = account.ApiKey, secret = account.Secret[..^3] });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await ApiCalls.JsonAsync(response);
        Assert.Equal("badInput", problem.GetProperty("kind").GetString());
        Assert.Equal("secret", problem.GetProperty("field").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("fix").GetString()));
        Assert.Equal(before, app.Simulator.Control.GetCounters("gate").Requests);
    }

    [Fact]
    public async Task A_wrong_passphrase_is_diagnosed_with_the_exchanges_own_code()
    {
        var client = await app.ClientAsync();
        var account = app.Account("OKX IP-locked");

        using var response = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/connections", new { exchange = "okx", label = "OKX retry", apiKey = account.ApiKey, secret = account.Secret, passphrase = "Wrong-Pass9!" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await ApiCalls.JsonAsync(response);
        Assert.Equal("verificationFailed", problem.GetProperty("kind").GetString());
        Assert.Equal("wrongPassphrase", problem.GetProperty("diagnosis").GetProperty("category").GetString());
        Assert.Equal("50105", problem.GetProperty("diagnosis").GetProperty("exchangeCode").GetString());
        Assert.Contains("passphrase", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_key_that_can_withdraw_is_refused_unless_the_label_is_typed_to_confirm()
    {
        var client = await app.ClientAsync();
        var account = app.Account("Bitfinex main");
        app.Simulator.Control.SetPermissions("bitfinex", account.ApiKey, ["read", "withdraw"]);
        object Body(bool allow, string? confirmation) => new { exchange = "bitfinex", label = "Bitfinex risky", apiKey = account.ApiKey, secret = account.Secret, allowWithdrawal = allow, withdrawalConfirmation = confirmation };

        using var refused = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/connections", Body(false, null));
        using var mistyped = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/connections", Body(true, "bitfinex risky"));
        using var confirmed = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/connections", Body(true, "Bitfinex risky"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("withdrawalRefused", (await ApiCalls.JsonAsync(refused)).GetProperty("kind").GetString());
        Assert.Equal("confirmation", (await ApiCalls.JsonAsync(mistyped)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        Assert.Equal("withdrawalEnabled", (await ApiCalls.JsonAsync(confirmed)).GetProperty("status").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_label_in_use_is_a_conflict_and_an_unknown_exchange_is_bad_input()
    {
        var client = await app.ClientAsync();
        var account = app.Account("HitBTC main");

        using var duplicate = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/connections", new { exchange = "hitbtc", label = "binance MAIN", apiKey = account.ApiKey, secret = account.Secret });
        using var unknown = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/connections", new { exchange = "mtgox", label = "Mt. Gox", apiKey = "k", secret = "s" });

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("duplicateLabel", (await ApiCalls.JsonAsync(duplicate)).GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("exchange", (await ApiCalls.JsonAsync(unknown)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task One_connection_comes_with_its_holdings_and_an_unknown_id_is_a_404_problem()
    {
        var client = await app.ClientAsync();

        var binance = await ApiCalls.GetJsonAsync(client, "/api/connections/" + app.Ids["Binance main"]);
        using var missing = await client.GetAsync("/api/connections/conn-0000000000000000");

        var holdings = binance.GetProperty("holdings").EnumerateArray().ToList();
        Assert.Contains(holdings, h => h.GetProperty("asset").GetString() == "BTC" && h.GetProperty("total").GetDecimal() == 0.45m && h.GetProperty("usdValue").GetDecimal() == 29250m);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("connectionNotFound", (await ApiCalls.JsonAsync(missing)).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Check_verifies_the_stored_key_again_now()
    {
        var client = await app.ClientAsync();

        using var response = await ApiCalls.SendAsync(client, HttpMethod.Post, $"/api/connections/{app.Ids["Binance main"]}/check");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checkedNow = await ApiCalls.JsonAsync(response);
        Assert.Equal("connected", checkedNow.GetProperty("status").GetProperty("code").GetString());
        Assert.Contains("read", checkedNow.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task A_second_manual_refresh_within_the_cooldown_is_429_with_retry_after()
    {
        var client = await app.ClientAsync();
        var path = $"/api/connections/{app.Ids["Gate main"]}/refresh";

        using var first = await ApiCalls.SendAsync(client, HttpMethod.Post, path);
        using var second = await ApiCalls.SendAsync(client, HttpMethod.Post, path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("refreshed", (await ApiCalls.JsonAsync(first)).GetProperty("result").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
        var problem = await ApiCalls.JsonAsync(second);
        Assert.Equal("cooldownActive", problem.GetProperty("kind").GetString());
        Assert.True(problem.TryGetProperty("retryAt", out _));
    }

    [Fact]
    public async Task Replacing_with_a_bad_key_keeps_the_old_one_and_a_good_key_is_swapped_in()
    {
        var client = await app.ClientAsync();
        var account = app.Account("wrong-passphrase");
        var path = $"/api/connections/{app.Ids["wrong-passphrase"]}/key";

        using var bad = await ApiCalls.SendAsync(client, HttpMethod.Put, path, new { apiKey = account.ApiKey, secret = account.Secret, passphrase = "Still-Wrong9!" });
        using var good = await ApiCalls.SendAsync(client, HttpMethod.Put, path, new { apiKey = account.ApiKey, secret = account.Secret, passphrase = account.Passphrase });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("wrongPassphrase", (await ApiCalls.JsonAsync(bad)).GetProperty("diagnosis").GetProperty("category").GetString());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var replaced = await ApiCalls.JsonAsync(good);
        Assert.Equal("connected", replaced.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal(app.Ids["wrong-passphrase"], replaced.GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_passphrase_alone_is_corrected_after_the_exchange_accepts_it_and_other_fields_are_refused()
    {
        var client = await app.ClientAsync();
        var account = app.Account("wrong-passphrase");
        var path = $"/api/connections/{app.Ids["wrong-passphrase"]}/key";

        using var bad = await ApiCalls.SendAsync(client, HttpMethod.Put, path + "/passphrase", new { value = "Still-Wrong9!" });
        using var apiKey = await ApiCalls.SendAsync(client, HttpMethod.Put, path + "/apiKey", new { value = account.ApiKey });
        using var unknown = await ApiCalls.SendAsync(client, HttpMethod.Put, "/api/connections/conn-0000/key/passphrase", new { value = account.Passphrase });
        using var good = await ApiCalls.SendAsync(client, HttpMethod.Put, path + "/passphrase", new { value = account.Passphrase });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("wrongPassphrase", (await ApiCalls.JsonAsync(bad)).GetProperty("diagnosis").GetProperty("category").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, apiKey.StatusCode);
        Assert.Equal("field", (await ApiCalls.JsonAsync(apiKey)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var corrected = await ApiCalls.JsonAsync(good);
        Assert.Equal("connected", corrected.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal(app.Ids["wrong-passphrase"], corrected.GetProperty("id").GetString());
        foreach (var response in new[] { bad, apiKey, good })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(account.Passphrase!, body, StringComparison.Ordinal);
            Assert.DoesNotContain("Still-Wrong9!", body, StringComparison.Ordinal);
            Assert.DoesNotContain(account.Secret, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Removing_reminds_to_delete_the_key_on_the_exchange_and_the_connection_is_gone()
    {
        var client = await app.ClientAsync();
        var account = app.Account("HitBTC main");
        using var added = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/connections", new { exchange = "hitbtc", label = "HitBTC to remove", apiKey = account.ApiKey, secret = account.Secret });
        var id = (await ApiCalls.JsonAsync(added)).GetProperty("id").GetString();

        using var removed = await ApiCalls.SendAsync(client, HttpMethod.Delete, $"/api/connections/{id}?deleteHistory=false");
        using var after = await client.GetAsync("/api/connections/" + id);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var reminder = await ApiCalls.JsonAsync(removed);
        Assert.Contains("hitbtc", reminder.GetProperty("apiManagementPage").GetString(), StringComparison.Ordinal);
        Assert.Contains(account.ApiKey[^4..], reminder.GetProperty("reminder").GetString(), StringComparison.Ordinal);
        Assert.False(reminder.GetProperty("historyDeleted").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task A_connections_snapshots_come_newest_first()
    {
        var client = await app.ClientAsync();
        using var refreshed = await ApiCalls.SendAsync(client, HttpMethod.Post, $"/api/connections/{app.Ids["OKX main"]}/refresh");

        var snapshots = await ApiCalls.GetJsonAsync(client, $"/api/connections/{app.Ids["OKX main"]}/snapshots");

        var times = snapshots.EnumerateArray().Select(s => s.GetProperty("takenAt").GetDateTimeOffset()).ToList();
        Assert.True(times.Count >= 2);
        Assert.Equal(times.OrderDescending(), times);
        Assert.All(snapshots.EnumerateArray(), s => Assert.Equal(Expected(app.Account("OKX main")), s.GetProperty("totalUsd").GetDecimal()));
    }

    [Fact]
    public async Task A_coinbase_key_connects_with_its_multi_line_private_key_and_reads_the_portfolio_with_its_vault()
    {
        var client = await app.ClientAsync();
        var account = app.Account("Coinbase main");

        using var response = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/connections", new { exchange = "coinbase", label = "Coinbase via API", apiKey = account.ApiKey, secret = account.Secret });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await ApiCalls.JsonAsync(response);
        Assert.Equal("connected", created.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal(Expected(account), created.GetProperty("totalUsd").GetDecimal());
        Assert.Equal(account.Balances.Count, created.GetProperty("holdings").GetArrayLength());
        Assert.DoesNotContain("PRIVATE KEY", created.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coinbase_key_with_transfer_is_refused_as_a_withdrawal_key_from_its_key_permissions()
    {
        var client = await app.ClientAsync();
        var account = app.Account("Coinbase withdraw-enabled");

        using var refused = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/connections", new { exchange = "coinbase", label = "Coinbase risky", apiKey = account.ApiKey, secret = account.Secret });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await ApiCalls.JsonAsync(refused);
        Assert.Equal("withdrawalRefused", problem.GetProperty("kind").GetString());
        Assert.Contains("Transfer", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ed25519_coinbase_key_is_refused_before_any_call_with_the_advice_to_create_an_ecdsa_key()
    {
        var client = await app.ClientAsync();
        var before = app.Simulator.Control.GetCounters("coinbase").Requests;

        using var response = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/connections", new
        {
            exchange = "coinbase",
            label = "Coinbase Ed25519",
            apiKey = "7c9e6679-7425-40de-944b-e07fc1f90ae7",
            secret = "RKDByfv5F96hpGzZdYYnVGOe+kFi9hFVw3I6r/EF+nNPsW0NpqGSYKjJE/vdftlJr76jvxfVAOmLbBxIz1Gpjw==",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiCalls.JsonAsync(response);
        Assert.Equal("badInput", problem.GetProperty("kind").GetString());
        Assert.Contains("ECDSA", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before, app.Simulator.Control.GetCounters("coinbase").Requests);
    }

    private decimal Expected(Keyfolio.Simulator.SimulatorAccount account) =>
        account.Balances.Sum(b => b.Net * app.Config.Prices[b.Asset]);
}
