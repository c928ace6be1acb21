using System.Net;
using System.Text.Json;
using Keyfolio.Vault.Kdf;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Api;

public sealed class VaultApiTests : IDisposable
{
    private readonly KeyfolioWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Status_answers_without_a_session_and_holds_nothing_private()
    {
        using var client = _factory.CreateBrowserLikeClient();

        var before = await ApiCalls.GetJsonAsync(client, "/api/vault/status");
        await _factory.EnsureVaultAsync();
        var after = await ApiCalls.GetJsonAsync(client, "/api/vault/status");

        Assert.False(before.GetProperty("exists").GetBoolean());
        Assert.True(after.GetProperty("exists").GetBoolean());
        Assert.False(after.GetProperty("signedIn").GetBoolean());
        Assert.Equal(["exists", "state", "signedIn", "nextAttemptDelaySeconds", "auditLogIntact", "kdf"], after.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, before.GetProperty("kdf").ValueKind);
    }

    [Fact]
    public async Task Status_names_the_key_derivation_and_its_parameters()
    {
        using var client = _factory.CreateBrowserLikeClient();
        await _factory.EnsureVaultAsync();

        var kdf = (await ApiCalls.GetJsonAsync(client, "/api/vault/status")).GetProperty("kdf");

        Assert.Equal(["algorithm", "memoryKiB", "iterations", "parallelism"], kdf.EnumerateObject().Select(p => p.Name));
        Assert.Equal("argon2id", kdf.GetProperty("algorithm").GetString());
        Assert.Equal(
            (KdfParameters.Floor.MemoryKiB, KdfParameters.Floor.Iterations, 1),
            (kdf.GetProperty("memoryKiB").GetInt32(), kdf.GetProperty("iterations").GetInt32(), kdf.GetProperty("parallelism").GetInt32()));
    }

    [Fact]
    public async Task Unlocking_without_a_vault_says_to_create_one()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/vault/unlock", new { password = KeyfolioWebFactory.Password });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("vaultMissing", (await ApiCalls.JsonAsync(response)).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Locking_ends_the_session_and_the_vault_is_locked()
    {
        using var client = await _factory.CreateSignedInClientAsync();

        using var locked = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/vault/lock");
        var status = await ApiCalls.GetJsonAsync(client, "/api/vault/status");
        using var afterwards = await client.GetAsync("/api/connections");

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal("locked", status.GetProperty("state").GetString());
        Assert.False(status.GetProperty("signedIn").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
        Assert.Equal("application/problem+json", afterwards.Content.Headers.ContentType!.MediaType);
    }
}
