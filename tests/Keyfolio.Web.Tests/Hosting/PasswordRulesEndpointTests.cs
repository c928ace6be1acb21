using System.Net;
using Keyfolio.Vault.Passwords;
using Keyfolio.Web.Tests.Harness;
using Microsoft.Data.Sqlite;

namespace Keyfolio.Web.Tests.Hosting;

/// <summary>The common-password list the page checks as a password is typed: served without a session, the server's own list.</summary>
public sealed class PasswordRulesEndpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keyfolio-web-rules-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Before_any_vault_exists_the_list_is_served_as_plain_text_holding_exactly_what_the_server_refuses_as_common()
    {
        using var app = KeyfolioWebFactory.Over(_directory);
        using var client = app.CreateBrowserLikeClient();

        using var answer = await client.GetAsync("/password-rules/common.txt");
        var entries = (await answer.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/plain", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", string.Join(",", answer.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("public, max-age=86400", answer.Headers.CacheControl?.ToString());
        Assert.True(entries.Length >= 10_000, entries.Length + " entries");
        Assert.Equal(entries.Length, entries.Distinct(StringComparer.Ordinal).Count());
        Assert.All(entries.Where(entry => entry.Length >= PasswordPolicy.MinimumLength), entry => Assert.Equal(PasswordProblem.Common, PasswordPolicy.Check(entry)));
        Assert.Equal(entries.Order(StringComparer.Ordinal), PasswordPolicy.CommonPasswordList().Order(StringComparer.Ordinal));
    }
}
