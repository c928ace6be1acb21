using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Keyfolio.Core.Access;
using Keyfolio.Web.Tests.Harness;
using Microsoft.Data.Sqlite;

namespace Keyfolio.Web.Tests.Hosting;

/// <summary>Damaged stored data and a missing audit key are said as such, on the status and on unlock; never a 500.</summary>
public sealed class DamagedStorageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keyfolio-web-damaged-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Without_its_audit_key_the_status_says_the_log_is_not_intact_and_unlocking_is_refused_as_an_audit_failure()
    {
        await CreateVaultAsync();
        File.Delete(Path.Combine(_directory, "audit.key"));

        using var app = KeyfolioWebFactory.Over(_directory);
        using var client = app.CreateBrowserLikeClient();
        var status = await ApiCalls.GetJsonAsync(client, "/api/vault/status");
        using var unlock = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/vault/unlock", new { password = KeyfolioWebFactory.Password });

        Assert.True(status.GetProperty("exists").GetBoolean());
        Assert.False(status.GetProperty("auditLogIntact").GetBoolean());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unlock.StatusCode);
        Assert.Equal("auditFailed", (await ApiCalls.JsonAsync(unlock)).GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("text")]
    [InlineData("number")]
    [InlineData("date out of range")]
    [InlineData("truncated")]
    public async Task A_damaged_vault_header_answers_the_status_and_refuses_unlocking_as_stored_data_damaged(string damage)
    {
        await CreateVaultAsync();
        await DamageHeaderAsync(damage);

        using var app = KeyfolioWebFactory.Over(_directory);
        using var client = app.CreateBrowserLikeClient();
        using var statusResponse = await client.GetAsync("/api/vault/status");
        using var unlock = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/vault/unlock", new { password = KeyfolioWebFactory.Password });
        var problem = await ApiCalls.JsonAsync(unlock);

        Assert.Equal(HttpStatusCode.OK, statusResponse.StatusCode);
        using var status = JsonDocument.Parse(await statusResponse.Content.ReadAsStringAsync());
        Assert.True(status.RootElement.GetProperty("exists").GetBoolean());
        Assert.Equal(JsonValueKind.Null, status.RootElement.GetProperty("kdf").ValueKind);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unlock.StatusCode);
        Assert.Equal("corrupted", problem.GetProperty("kind").GetString());
        Assert.Equal("Stored data damaged", problem.GetProperty("title").GetString());
        Assert.False(app.Service<VaultAccess>().IsUnlocked);
    }

    private async Task CreateVaultAsync()
    {
        using var first = KeyfolioWebFactory.Over(_directory);
        await first.EnsureVaultAsync();
        await first.Service<VaultAccess>().LockAsync();
    }

    // A change behind Keyfolio's back, as someone with the database file (or a failing disk) could make.
    private async Task DamageHeaderAsync(string damage)
    {
        await using var connection = new SqliteConnection("Data Source=" + Path.Combine(_directory, "keyfolio.db"));
        await connection.OpenAsync();
        byte[] header;
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT header FROM vault_header WHERE id = 1";
            header = (byte[])(await read.ExecuteScalarAsync())!;
        }

        object value = damage switch
        {
            "text" => "KFVH, but as text",
            "number" => 42L,
            "date out of range" => WithCreationTime(header, long.MaxValue),
            "truncated" => header[..(header.Length / 2)],
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };
        await using var write = connection.CreateCommand();
        write.CommandText = "UPDATE vault_header SET header = @header WHERE id = 1";
        write.Parameters.AddWithValue("@header", value);
        Assert.Equal(1, await write.ExecuteNonQueryAsync());
    }

    /// <summary>The header with another creation time and its checksum made right again: well-formed bytes, impossible date.</summary>
    private static byte[] WithCreationTime(byte[] header, long unixMilliseconds)
    {
        var changed = header.ToArray();
        BinaryPrimitives.WriteInt64BigEndian(changed.AsSpan(4 + 1 + 16), unixMilliseconds);
        SHA256.HashData(changed.AsSpan(0, changed.Length - 32), changed.AsSpan(changed.Length - 32));
        return changed;
    }
}
