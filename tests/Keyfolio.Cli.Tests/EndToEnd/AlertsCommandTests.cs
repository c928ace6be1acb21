using System.Text.Json;
using Keyfolio.Cli.Tests.Support;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary><c>keyfolio alerts</c> looks at the stored key facts, lists what it found, and marks it read, without calling an exchange.</summary>
public sealed class AlertsCommandTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task An_expiring_key_is_listed_with_its_fix_marked_read_on_request_and_no_exchange_is_called()
    {
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        var connected = await world.ConnectAsync("HTX expiring in 2 days");
        Assert.True(connected.ExitCode == 0, connected.ToString());
        var before = await world.Simulator.RequestsAsync("htx");

        var listed = await world.RunAsync("alerts", "--json");
        var table = await world.RunAsync("alerts", "--mark-read");
        var unreadAfter = await world.RunAsync("alerts", "--unread", "--json");
        var chinese = await world.RunAsync("alerts", "--json", "--lang", "zh");

        Assert.True(listed.ExitCode == 0, listed.ToString());
        var alerts = JsonDocument.Parse(listed.Output).RootElement.EnumerateArray().ToList();
        var expiring = Assert.Single(alerts, a => a.GetProperty("type").GetString() == "key.expiring");
        Assert.Equal(("HTX expiring in 2 days", "htx", "warning"), (expiring.GetProperty("connection").GetString(), expiring.GetProperty("exchange").GetString(), expiring.GetProperty("severity").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(expiring.GetProperty("fix").GetString()));
        Assert.Equal(JsonValueKind.Null, expiring.GetProperty("readAt").ValueKind);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("HTX expiring in 2 days", table.Output, StringComparison.Ordinal);
        Assert.Contains("marked read now", table.Output, StringComparison.Ordinal);
        Assert.Equal("[]", unreadAfter.Output.Trim());
        Assert.Contains(JsonDocument.Parse(chinese.Output).RootElement.EnumerateArray(), a => a.GetProperty("message").GetString()!.Contains("过期", StringComparison.Ordinal));
        Assert.Equal(before, await world.Simulator.RequestsAsync("htx"));
        var account = world.Account("HTX expiring in 2 days");
        Assert.DoesNotContain(account.Secret, listed.Output + table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(account.ApiKey, listed.Output + table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_limit_out_of_range_is_a_usage_error()
    {
        using var world = new CliWorld(fixture.Simulator);

        var run = await world.RunAsync("alerts", "--limit", "0");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--limit must be a whole number from 1 to 500", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_rules_are_changed_from_the_command_line_and_an_event_turned_off_is_no_longer_raised()
    {
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);

        var changed = await world.RunAsync("alerts", "rules", "--off", "key.expiring", "--off", "key.unused", "--expiry-days", "14,3", "--quiet", "22:00-07:00 Europe/Berlin", "--pause", "webhook", "--value-drop", "12", "--figures");
        var connected = await world.ConnectAsync("HTX expiring in 2 days");
        var listed = await world.RunAsync("alerts", "--json");
        var shown = await world.RunAsync("alerts", "rules", "--json");
        var turnedOn = await world.RunAsync("alerts", "rules", "--on", "key.expiring", "--no-quiet", "--resume", "webhook", "--value-drop", "0", "--no-figures", "--json");
        var listedAgain = await world.RunAsync("alerts", "--json");

        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Contains("Saved", changed.Output, StringComparison.Ordinal);
        Assert.Contains("22:00-07:00 (Europe/Berlin)", changed.Output, StringComparison.Ordinal);
        Assert.Contains("more than 12% between two readings", changed.Output, StringComparison.Ordinal);
        Assert.Contains("Alerts may carry amounts", changed.Output, StringComparison.Ordinal);
        Assert.True(connected.ExitCode == 0, connected.ToString());
        Assert.DoesNotContain(JsonDocument.Parse(listed.Output).RootElement.EnumerateArray(), a => a.GetProperty("type").GetString() == "key.expiring");
        var rules = JsonDocument.Parse(shown.Output).RootElement;
        var events = rules.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("code").GetString()!, e => e.GetProperty("on").GetBoolean());
        Assert.False(events["key.expiring"]);
        Assert.False(events["key.unused"]);
        Assert.True(events["key.withdraw_right"]);
        Assert.Equal([14.0, 3.0], rules.GetProperty("expiryDays").EnumerateArray().Select(d => d.GetDouble()));
        Assert.Equal("Europe/Berlin", rules.GetProperty("quiet").GetProperty("timeZone").GetString());
        Assert.Equal(["webhook"], rules.GetProperty("paused").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal((12, true), (rules.GetProperty("valueDropPercent").GetInt32(), rules.GetProperty("figures").GetBoolean()));
        var after = JsonDocument.Parse(turnedOn.Output).RootElement;
        Assert.Equal(JsonValueKind.Null, after.GetProperty("quiet").ValueKind);
        Assert.Empty(after.GetProperty("paused").EnumerateArray());
        Assert.Equal((JsonValueKind.Null, false), (after.GetProperty("valueDropPercent").ValueKind, after.GetProperty("figures").GetBoolean()));
        var expiring = Assert.Single(JsonDocument.Parse(listedAgain.Output).RootElement.EnumerateArray(), a => a.GetProperty("type").GetString() == "key.expiring");
        Assert.Equal("HTX expiring in 2 days", expiring.GetProperty("connection").GetString());
    }

    [Theory]
    [InlineData("--off", "key.withdraw_right", "--off", "cannot be turned off")]
    [InlineData("--off", "key.sometimes", "--off", "is not an alert event")]
    [InlineData("--expiry-days", "7,soon", "--expiry-days", "is not a number of days")]
    [InlineData("--quiet", "22:00-07:00 Mars/Olympus", "--quiet", "is not a time zone this machine knows")]
    [InlineData("--pause", "pager", "--pause", "is not a channel")]
    [InlineData("--unused-days", "0", "--unused-days", "1 to 365 days")]
    [InlineData("--value-drop", "95", "--value-drop", "1 to 90 per cent")]
    public async Task A_bad_alert_rule_is_refused_naming_the_option_and_nothing_changes(string option, string value, string field, string message)
    {
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        var before = await world.RunAsync("alerts", "rules", "--json");

        var refused = await world.RunAsync("alerts", "rules", option, value, "--json");
        var text = await world.RunAsync("alerts", "rules", option, value);
        var after = await world.RunAsync("alerts", "rules", "--json");

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        var error = JsonDocument.Parse(refused.Output).RootElement.GetProperty("error");
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(message, text.Error, StringComparison.Ordinal);
        Assert.Equal(before.Output, after.Output);
    }

    [Fact]
    public async Task A_channel_secret_is_kept_in_the_vault_from_a_file_never_echoed_and_removed_again()
    {
        const string Secret = "whsec-cli-canary-4d6f8a0c2e";
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        var file = Path.Combine(world.Home, "webhook.secret");
        CliWorld.WriteOwnerOnly(file, Secret + "\n");

        var stored = await world.RunAsync("alerts", "secret", "webhook", "--secret-file", file, "--json");
        var text = await world.RunAsync("alerts", "secret", "email", "--secret-file", file);
        var removed = await world.RunAsync("alerts", "secret", "webhook", "--remove", "--json");
        var unknown = await world.RunAsync("alerts", "secret", "pager", "--remove");
        File.Delete(file);

        Assert.True(stored.ExitCode == 0, stored.ToString());
        Assert.Equal(("webhook", "vault"), (JsonDocument.Parse(stored.Output).RootElement.GetProperty("channel").GetString(), JsonDocument.Parse(stored.Output).RootElement.GetProperty("secret").GetString()));
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("Stored in the vault", text.Output, StringComparison.Ordinal);
        Assert.Equal("none", JsonDocument.Parse(removed.Output).RootElement.GetProperty("secret").GetString());
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        foreach (var run in new[] { stored, text, removed, unknown })
        {
            Assert.DoesNotContain(Secret, run.Output + run.Error, StringComparison.Ordinal);
        }

        foreach (var path in Directory.EnumerateFiles(world.Home, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.True(bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(Secret)) < 0, path + " holds the secret in clear.");
        }
    }

    [Fact]
    public async Task The_webhook_and_the_mail_server_are_set_from_the_command_line_the_address_from_a_file_and_never_echoed()
    {
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        var file = Path.Combine(world.Home, "webhook.url");
        CliWorld.WriteOwnerOnly(file, "https://hooks.example.org/services/T0/B0/cli-t0ken\n");

        var saved = await world.RunAsync("alerts", "webhook", "--url-file", file, "--preset", "slack", "--json");
        var shownLocked = await world.RunAsync("alerts", "webhook", "--json");
        var removed = await world.RunAsync("alerts", "webhook", "--remove", "--json");
        var mail = await world.RunAsync("alerts", "email", "--host", "smtp.example.org", "--user", "alerts", "--from", "keyfolio@example.org", "--to", "owner@example.org", "--to", "desk@example.org", "--json");
        var badMail = await world.RunAsync("alerts", "email", "--host", "smtp.example.org", "--from", "nobody", "--to", "owner@example.org", "--json");
        var mailShown = await world.RunAsync("alerts", "email");

        Assert.True(saved.ExitCode == 0, saved.ToString());
        var webhook = JsonDocument.Parse(saved.Output).RootElement;
        Assert.Equal(("vault", "https://hooks.example.org", "slack"), (webhook.GetProperty("source").GetString(), webhook.GetProperty("host").GetString(), webhook.GetProperty("preset").GetString()));
        Assert.Equal((JsonValueKind.Null, "vault"), (JsonDocument.Parse(shownLocked.Output).RootElement.GetProperty("host").ValueKind, JsonDocument.Parse(shownLocked.Output).RootElement.GetProperty("source").GetString()));
        Assert.Equal("none", JsonDocument.Parse(removed.Output).RootElement.GetProperty("source").GetString());
        Assert.True(mail.ExitCode == 0, mail.ToString());
        Assert.Equal(("settings", "smtp.example.org", 587, 2), (JsonDocument.Parse(mail.Output).RootElement.GetProperty("source").GetString(), JsonDocument.Parse(mail.Output).RootElement.GetProperty("host").GetString(), JsonDocument.Parse(mail.Output).RootElement.GetProperty("port").GetInt32(), JsonDocument.Parse(mail.Output).RootElement.GetProperty("recipients").GetInt32()));
        Assert.Equal(ExitCodes.Usage, badMail.ExitCode);
        Assert.Equal("--from", JsonDocument.Parse(badMail.Output).RootElement.GetProperty("error").GetProperty("field").GetString());
        Assert.Contains("through smtp.example.org:587 (starttls) to 2 recipient(s)", mailShown.Output, StringComparison.Ordinal);
        foreach (var run in new[] { saved, shownLocked, removed })
        {
            Assert.DoesNotContain("cli-t0ken", run.Output + run.Error, StringComparison.Ordinal);
        }
    }
}
