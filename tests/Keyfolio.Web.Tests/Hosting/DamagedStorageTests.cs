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
    [InlineData("text", "corrupted", "Stored data damaged")]
    [InlineData("number", "corrupted", "Stored data damaged")]
    [InlineData("date out of range", "vaultHeaderAltered", "Vault header altered")]
    [InlineData("truncated", "vaultHeaderAltered", "Vault header altered")]
    [InlineData("flipped", "vaultHeaderAltered", "Vault header altered")]
    public async Task A_damaged_vault_header_answers_the_status_and_refuses_unlocking_as_damaged_or_altered(string damage, string kind, string title)
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
        Assert.Equal(kind, problem.GetProperty("kind").GetString());
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.False(app.Service<VaultAccess>().IsUnlocked);
    }

    [Fact]
    public async Task An_altered_header_is_a_problem_of_its_own_for_any_password_never_a_401_and_put_back_a_wrong_password_is_401_again()
    {
        await CreateVaultAsync();
        var original = await ReadHeaderAsync();

        // The format, the key derivation, its passes, the salt, the password wrap and the seal's last byte; a server for
        // each, as every attempt with a password counts against the unlock limit.
        foreach (var position in new[] { 4, 29, 33, 40, 60, original.Length - 1 })
        {
            await WriteHeaderAsync(Flipped(original, position));
            using var server = KeyfolioWebFactory.Over(_directory);
            using var browser = server.CreateBrowserLikeClient();
            foreach (var password in new[] { KeyfolioWebFactory.Password, "not-the-master-password-7" })
            {
                using var unlock = await ApiCalls.SendAsync(browser, HttpMethod.Post, "/api/vault/unlock", new { password });
                var body = await unlock.Content.ReadAsStringAsync();

                Assert.True(unlock.StatusCode == HttpStatusCode.ServiceUnavailable, $"byte {position}: {(int)unlock.StatusCode} {body}");
                using var problem = JsonDocument.Parse(body);
                Assert.Equal("vaultHeaderAltered", problem.RootElement.GetProperty("kind").GetString());
                Assert.Contains("The vault header was altered", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
                Assert.DoesNotContain("password is wrong", body, StringComparison.OrdinalIgnoreCase);
            }
        }

        await WriteHeaderAsync(original);
        using var app = KeyfolioWebFactory.Over(_directory);
        using var client = app.CreateBrowserLikeClient();
        using var wrong = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/vault/unlock", new { password = "not-the-master-password-7" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.False(app.Service<VaultAccess>().IsUnlocked);
    }

    [Fact]
    public async Task An_altered_header_is_said_in_Chinese_to_a_Chinese_request()
    {
        await CreateVaultAsync();
        await WriteHeaderAsync(Flipped(await ReadHeaderAsync(), 40));
        using var app = KeyfolioWebFactory.Over(_directory);
        using var client = app.CreateBrowserLikeClient("zh-Hans");

        using var unlock = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/vault/unlock", new { password = KeyfolioWebFactory.Password });
        var problem = await ApiCalls.JsonAsync(unlock);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unlock.StatusCode);
        Assert.StartsWith("保险库头部已被篡改", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<byte[]> ReadHeaderAsync()
    {
        await using var connection = new SqliteConnection("Data Source=" + Path.Combine(_directory, "keyfolio.db") + ";Pooling=False");
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT header FROM vault_header WHERE id = 1";
        return (byte[])(await read.ExecuteScalarAsync())!;
    }

    private async Task WriteHeaderAsync(byte[] header)
    {
        await using var connection = new SqliteConnection("Data Source=" + Path.Combine(_directory, "keyfolio.db") + ";Pooling=False");
        await connection.OpenAsync();
        await using var write = connection.CreateCommand();
        write.CommandText = "UPDATE vault_header SET header = @header WHERE id = 1";
        write.Parameters.AddWithValue("@header", header);
        Assert.Equal(1, await write.ExecuteNonQueryAsync());
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
            "flipped" => Flipped(header, 40),
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };
        await using var write = connection.CreateCommand();
        write.CommandText = "UPDATE vault_header SET header = @header WHERE id = 1";
        write.Parameters.AddWithValue("@header", value);
        Assert.Equal(1, await write.ExecuteNonQueryAsync());
    }

    private static byte[] Flipped(byte[] header, int position)
    {
        var changed = header.ToArray();
        changed[position] ^= 0x01;
        return changed;
    }

    /// <summary>The header with another creation time and the checksum of earlier formats put where its seal was.</summary>
    private static byte[] WithCreationTime(byte[] header, long unixMilliseconds)
    {
        var changed = header.ToArray();
        BinaryPrimitives.WriteInt64BigEndian(changed.AsSpan(4 + 1 + 16), unixMilliseconds);
        SHA256.HashData(changed.AsSpan(0, changed.Length - 32), changed.AsSpan(changed.Length - 32));
        return changed;
    }
}
