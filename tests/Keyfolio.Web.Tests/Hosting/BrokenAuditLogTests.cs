using System.Net;
using Keyfolio.Core.Access;
using Keyfolio.Core.Audit;
using Keyfolio.Vault.Audit;
using Keyfolio.Web.Tests.Harness;
using Microsoft.Data.Sqlite;

namespace Keyfolio.Web.Tests.Hosting;

public sealed class BrokenAuditLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keyfolio-web-audit-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET actor = 'someone else' WHERE sequence = 1", "an entry was edited, inserted or moved")]
    [InlineData("DELETE FROM audit_entries WHERE sequence = (SELECT MAX(sequence) FROM audit_entries)", "entries were cut from the end")]
    public async Task A_broken_log_is_explained_on_every_page_and_blocks_even_unlocking_until_a_deliberate_reseal(string change, string explanation)
    {
        await CreateVaultAsync();
        await ChangeDatabaseAsync(change);

        using var app = KeyfolioWebFactory.Over(_directory);
        using var client = app.CreateBrowserLikeClient();
        var unlockPage = await client.GetStringAsync("/unlock");
        using var refused = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/vault/unlock", new { password = KeyfolioWebFactory.Password });
        var repair = await client.GetStringAsync("/audit-log");
        using var resealed = await PageForms.SubmitAsync(client, "/audit-log", "reseal", new Dictionary<string, string> { ["Form.Confirmed"] = "true", ["Form.Password"] = KeyfolioWebFactory.Password });
        var resealedPage = await resealed.Content.ReadAsStringAsync();
        using var unlocked = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/vault/unlock", new { password = KeyfolioWebFactory.Password });
        var exchanges = await client.GetStringAsync("/exchanges");

        Assert.Contains("The activity log failed its integrity check", unlockPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("auditFailed", (await ApiCalls.JsonAsync(refused)).GetProperty("kind").GetString());
        Assert.Contains(explanation, repair, StringComparison.Ordinal);
        Assert.Contains("id=\"reseal-submit\"", repair, StringComparison.Ordinal);
        Assert.Contains("records the break", resealedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.DoesNotContain("The activity log failed its integrity check", exchanges, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resealing_needs_the_master_password_checked_by_the_vault_and_a_wrong_one_is_delayed_and_recorded_after_the_reseal()
    {
        await CreateVaultAsync();
        await ChangeDatabaseAsync("UPDATE audit_entries SET actor = 'someone else' WHERE sequence = 1");

        using var app = KeyfolioWebFactory.Over(_directory);
        using var client = app.CreateBrowserLikeClient();
        var trail = app.Service<AuditTrail>();
        using var confirmedOnly = await PageForms.SubmitAsync(client, "/audit-log", "reseal", new Dictionary<string, string> { ["Form.Confirmed"] = "true" });
        var confirmedOnlyPage = await confirmedOnly.Content.ReadAsStringAsync();
        var blockedAfterNoPassword = trail.BlockedBy;
        using var guessed = await PageForms.SubmitAsync(client, "/audit-log", "reseal", new Dictionary<string, string> { ["Form.Confirmed"] = "true", ["Form.Password"] = "not-the-master-password-7" });
        var guessedPage = await PageForms.FollowRefusalAsync(client, guessed);
        var blockedAfterGuess = trail.BlockedBy;
        var delay = app.Service<VaultAccess>().NextAttemptDelay;
        app.Time.Advance(delay);
        using var resealed = await PageForms.SubmitAsync(client, "/audit-log", "reseal", new Dictionary<string, string> { ["Form.Confirmed"] = "true", ["Form.Password"] = KeyfolioWebFactory.Password });
        var resealedPage = await resealed.Content.ReadAsStringAsync();
        var newest = await trail.ReadNewestAsync(2, null, CancellationToken.None);

        Assert.Contains("id=\"reseal-password\"", confirmedOnlyPage, StringComparison.Ordinal);
        Assert.DoesNotContain("sealed again", confirmedOnlyPage, StringComparison.Ordinal);
        Assert.NotNull(blockedAfterNoPassword);
        Assert.Contains("The master password is wrong", guessedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("sealed again", guessedPage, StringComparison.Ordinal);
        Assert.NotNull(blockedAfterGuess);
        Assert.True(delay > TimeSpan.Zero, "A wrong password makes the next attempt wait.");
        Assert.Contains("sealed again", resealedPage, StringComparison.Ordinal);
        Assert.Null(trail.BlockedBy);
        Assert.Equal(AuditAction.UnlockFailed, newest[0].Action);
        Assert.StartsWith("audit reseal, refused at ", newest[0].Outcome, StringComparison.Ordinal);
        Assert.Equal(AuditAction.ChainResealed, newest[1].Action);
        Assert.False(app.Service<VaultAccess>().IsUnlocked);
    }

    private async Task CreateVaultAsync()
    {
        using var first = KeyfolioWebFactory.Over(_directory);
        await first.EnsureVaultAsync();
        await first.Service<VaultAccess>().LockAsync();
    }

    // A change behind Keyfolio's back, as someone with the database file could make.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The statements are the tests' own constants.")]
    private async Task ChangeDatabaseAsync(string sql)
    {
        await using var connection = new SqliteConnection("Data Source=" + Path.Combine(_directory, "keyfolio.db"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
