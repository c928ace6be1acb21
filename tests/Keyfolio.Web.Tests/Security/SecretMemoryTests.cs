using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Keyfolio.Simulator;
using Keyfolio.Testing;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Security;

/// <summary>
/// The API's write-only fields — an exchange secret, a passphrase, the master password — are read from the request
/// body into pinned buffers that are zeroed once the request is handled: no string of them is left in the server's
/// memory to be read after the vault locks. Each test sends a fresh random value (built as bytes, so the test itself
/// makes no string of it) and then searches this process's memory, where the in-process server runs, for it in the
/// UTF-16 form a string would hold. A control sends the same kind of value in a field that is a string (the label)
/// and finds it, so a pass is not the search failing to see the server's memory.
/// </summary>
public sealed class SecretMemoryTests : IAsyncLifetime
{
    private readonly SignedInApp _app = new();

    private SimulatorAccount Gate => _app.Gate;

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_secret_sent_to_add_a_connection_leaves_no_string_in_memory()
    {
        Assert.True(ProcessMemory.IsReadable, "This test reads /proc/self/mem; run it on Linux.");
        var secret = GC.AllocateArray<char>(64, pinned: true);
        var memory = ProcessMemory.RandomHexSecret(secret);

        // The simulator's Gate key with a secret it does not know: signed, sent, refused as a bad signature.
        var status = await PostAsync("/api/connections", HttpMethod.Post, Body(Encoding.UTF8.GetBytes($$"""{"exchange":"gate","label":"Gate memory","apiKey":"{{Gate.ApiKey}}","secret":"""), secret, "}"u8));
        Array.Clear(secret);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(0, memory.CountCopies());
    }

    [Fact]
    public async Task A_replacement_secret_leaves_no_string_in_memory()
    {
        Assert.True(ProcessMemory.IsReadable, "This test reads /proc/self/mem; run it on Linux.");
        var secret = GC.AllocateArray<char>(64, pinned: true);
        var memory = ProcessMemory.RandomHexSecret(secret);
        var id = await AddGateAsync();

        var status = await PostAsync($"/api/connections/{id}/key", HttpMethod.Put, Body(Encoding.UTF8.GetBytes($$"""{"apiKey":"{{Gate.ApiKey}}","secret":"""), secret, "}"u8));
        Array.Clear(secret);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(0, memory.CountCopies());
    }

    [Fact]
    public async Task A_master_password_sent_to_unlock_leaves_no_string_in_memory()
    {
        Assert.True(ProcessMemory.IsReadable, "This test reads /proc/self/mem; run it on Linux.");
        var password = GC.AllocateArray<char>(40, pinned: true);
        var memory = ProcessMemory.RandomHexSecret(password);

        // A wrong password goes the whole way a right one does: normalised, derived, tried against the vault's key.
        var status = await PostAsync("/api/vault/unlock", HttpMethod.Post, Body("""{"password":"""u8, password, "}"u8));
        Array.Clear(password);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(0, memory.CountCopies());
    }

    [Fact]
    public async Task The_search_finds_a_value_the_server_keeps_in_a_string_field()
    {
        Assert.True(ProcessMemory.IsReadable, "This test reads /proc/self/mem; run it on Linux.");
        var label = GC.AllocateArray<char>(64, pinned: true);
        var memory = ProcessMemory.RandomHexSecret(label);

        var status = await PostAsync("/api/connections", HttpMethod.Post, Body("""{"exchange":"gate","apiKey":"0","secret":"0","label":"""u8, label, "}"u8));
        Array.Clear(label);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(memory.CountCopies() >= 1);
    }

    /// <summary>Adds the simulator's Gate account with its real key, for a test that replaces it.</summary>
    private async Task<string> AddGateAsync()
    {
        using var response = await ApiCalls.SendAsync(_app.Client, HttpMethod.Post, "/api/connections", new { exchange = "gate", label = "Gate to replace", apiKey = Gate.ApiKey, secret = Gate.Secret });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ApiCalls.JsonAsync(response)).GetProperty("id").GetString()!;
    }

    /// <summary>
    /// <paramref name="before"/>, the quoted <paramref name="value"/> and <paramref name="after"/> as a JSON body, in a
    /// pinned byte buffer that <see cref="PostAsync"/> zeroes once it is sent.
    /// </summary>
    private static byte[] Body(ReadOnlySpan<byte> before, char[] value, ReadOnlySpan<byte> after)
    {
        var body = GC.AllocateArray<byte>(before.Length + value.Length + 2 + after.Length, pinned: true);
        before.CopyTo(body);
        var at = before.Length;
        body[at++] = (byte)'"';
        at += Encoding.ASCII.GetBytes(value, body.AsSpan(at));
        body[at++] = (byte)'"';
        after.CopyTo(body.AsSpan(at));
        return body;
    }

    /// <summary>Sends <paramref name="body"/> as JSON with the antiforgery token, zeroes it, and answers the status.</summary>
    private async Task<HttpStatusCode> PostAsync(string path, HttpMethod method, byte[] body)
    {
        try
        {
            var token = await Antiforgery.ForApiAsync(_app.Client);
            using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(token.HeaderName, token.Token);
            using var response = await _app.Client.SendAsync(request);
            return response.StatusCode;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(body);
        }
    }
}
