using System.Net;
using Keyfolio.Core.Access;
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
        using var resealed = await PageForms.SubmitAsync(client, "/audit-log", "reseal", new Dictionary<string, string> { ["Form.Confirmed"] = "true" });
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
