using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Keyfolio.Core.Connections;
using Keyfolio.Simulator;
using Keyfolio.Testing;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Security;

/// <summary>
/// The pages' secret fields — the master password, an exchange secret — are taken out of the posted form into pinned
/// buffers before the framework reads it, and zeroed once the attempt is made: no string of them is left in the
/// server's memory. As <see cref="SecretMemoryTests"/> does for the API, each test posts a fresh random value (built as
/// bytes) through the page's real form, antiforgery token and all, then searches this process's memory for it in the
/// UTF-16 form a string would hold (for the import form and a scanned QR code once the vault is locked, which drops what
/// the pages held for their forms); a control posts it as the label, a string field, and finds it.
/// </summary>
public sealed class SecretFormMemoryTests : IAsyncLifetime
{
    private readonly SignedInApp _app = new();

    private SimulatorAccount Gate => _app.Gate;

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_master_password_typed_on_the_unlock_page_leaves_no_string_in_memory()
    {
        Assert.True(ProcessMemory.IsReadable, "This test reads /proc/self/mem; run it on Linux.");
        var password = GC.AllocateArray<char>(40, pinned: true);
        var memory = ProcessMemory.RandomHexSecret(password);

        // A wrong password goes the whole way a right one does: normalised, derived, tried against the vault's key. From
        // a browser not signed in, as the page is used.
        using var browser = _app.Factory.CreateBrowserLikeClient();
        var (status, page) = await PostFormAsync(browser, "/unlock", Form("_handler=unlock&Form.Password="u8, password, "&Form.ReturnUrl=%2Fexchanges"u8));
        Array.Clear(password);

        Assert.Equal(HttpStatusCode.SeeOther, status);
        Assert.Contains("id=\"unlock-error\"", page, StringComparison.Ordinal);
        Assert.Equal(0, memory.CountCopies());
    }

    [Fact]
    public async Task Passwords_typed_on_the_change_password_page_leave_no_string_in_memory()
    {
        Assert.True(ProcessMemory.IsReadable, "This test reads /proc/self/mem; run it on Linux.");
        var password = GC.AllocateArray<char>(40, pinned: true);
        var memory = ProcessMemory.RandomHexSecret(password);

        // The same random value as the current password (wrong, so tried and refused) and as a new one that passes
        // every rule: all three fields go the whole way into the vault.
        var body = Concat(Form("_handler=passwd&Form.Current="u8, password, "&Form.Password="u8), Form(""u8, password, "&Form.Confirm="u8), Form(""u8, password, ""u8));
        var (status, page) = await PostFormAsync(_app.Client, "/settings/password", body);
        Array.Clear(password);

        Assert.Equal(HttpStatusCode.SeeOther, status);
        Assert.Contains("id=\"passwd-error\"", page, StringComparison.Ordinal);
        Assert.Equal(0, memory.CountCopies());
    }

    [Fact]
    public async Task A_master_password_chosen_on_the_setup_page_leaves_no_string_in_memory()
    {
        Assert.True(ProcessMemory.IsReadable, "This test reads /proc/self/mem; run it on Linux.");
        var password = GC.AllocateArray<char>(40, pinned: true);
        var memory = ProcessMemory.RandomHexSecret(password);
        await using var fresh = new KeyfolioWebFactory();
        using var browser = fresh.CreateBrowserLikeClient();

        // A new vault under it: checked against the rules, normalised, derived, the data key wrapped.
        var body = Concat(Form("_handler=setup&Form.Password="u8, password, "&Form.Confirm="u8), Form(""u8, password, ""u8));
        var (status, _) = await PostFormAsync(browser, "/setup", body);
        Array.Clear(password);

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.True(await fresh.Service<Keyfolio.Core.Access.VaultAccess>().ExistsAsync(CancellationToken.None));
        Assert.Equal(0, memory.CountCopies());
    }

    [Fact]
    public async Task Passwords_typed_on_the_export_form_leave_no_string_in_memory()
    {
        Assert.True(ProcessMemory.IsReadable, "This test reads /proc/self/mem; run it on Linux.");
        var password = GC.AllocateArray<char>(40, pinned: true);
        var memory = ProcessMemory.RandomHexSecret(password);

        // As the master password (wrong, so tried and refused) and as an export password that passes every rule.
        var body = Concat(Form("_handler=export&Export.Master="u8, password, "&Export.Password="u8), Form(""u8, password, "&Export.Confirm="u8), Form(""u8, password, ""u8));
        var (status, page) = await PostFormAsync(_app.Client, "/settings/transfer", body);
        Array.Clear(password);

        Assert.Equal(HttpStatusCode.SeeOther, status);
        Assert.Contains("id=\"export-error\"", page, StringComparison.Ordinal);
        Assert.Equal(0, memory.CountCopies());
    }

    [Fact]
    public async Task An_exchange_secret_typed_on_the_connect_page_leaves_no_string_in_memory()
    {
        Assert.True(ProcessMemory.IsReadable, "This test reads /proc/self/mem; run it on Linux.");
        var secret = GC.AllocateArray<char>(64, pinned: true);
        var memory = ProcessMemory.RandomHexSecret(secret);

        // The simulator's Gate key with a secret it does not know: signed, sent, refused as a bad signature.
        var before = Encoding.UTF8.GetBytes($"_handler=connect&Form.Label=Gate+memory&Form.ApiKey={Gate.ApiKey}&Form.Action=connect&Form.Secret=");
        var (status, page) = await PostFormAsync(_app.Client, "/connections/new/gate", Form(before, secret, ""u8));
        Array.Clear(secret);

        Assert.Equal(HttpStatusCode.SeeOther, status);
        Assert.Contains("Gate memory", page, StringComparison.Ordinal);
        Assert.Equal(0, memory.CountCopies());
    }

    [Fact]
    public async Task An_export_password_typed_on_the_import_form_leaves_no_string_in_memory_once_locked()
    {
        Assert.True(ProcessMemory.IsReadable, "This test reads /proc/self/mem; run it on Linux.");
        var password = GC.AllocateArray<char>(40, pinned: true);
        var memory = ProcessMemory.RandomHexSecret(password);
        var export = await _app.Factory.Service<TransferService>().ExportAsync(KeyfolioWebFactory.Password, "amber-quarry-tunnel-58", CancellationToken.None);
        Assert.True(export.IsSuccess);

        // A real export file with the wrong password: normalised, derived, tried against the file's seal, refused.
        var (status, page) = await PostMultipartAsync(_app.Client, "/settings/transfer", "import", export.Value, password);
        Array.Clear(password);
        await LockAsync();

        Assert.Equal(HttpStatusCode.SeeOther, status);
        Assert.Contains("id=\"import-error\"", page, StringComparison.Ordinal);
        Assert.Contains("The export password is wrong.", page, StringComparison.Ordinal);
        Assert.Equal(0, memory.CountCopies());
    }

    [Fact]
    public async Task A_secret_in_a_scanned_qr_code_leaves_no_string_in_memory_once_locked()
    {
        Assert.True(ProcessMemory.IsReadable, "This test reads /proc/self/mem; run it on Linux.");
        var secret = GC.AllocateArray<char>(64, pinned: true);
        var memory = ProcessMemory.RandomHexSecret(secret);

        // The JSON text of a QR code holding the Gate key and the secret, as the scanner posts it: parsed, described,
        // held on the server for the form, dropped when the vault locks.
        var before = Encoding.UTF8.GetBytes($"_handler=connect&Form.Label=Gate+memory&Form.QrText=%7B%22apiKey%22%3A%22{Gate.ApiKey}%22%2C%22secretKey%22%3A%22");
        var (status, page) = await PostFormAsync(_app.Client, "/connections/new/gate", Form(before, secret, "%22%7D"u8));
        Array.Clear(secret);
        await LockAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"qr-summary\"", page, StringComparison.Ordinal);
        Assert.Equal(0, memory.CountCopies());
    }

    [Fact]
    public async Task The_search_finds_a_value_a_page_keeps_in_a_string_field()
    {
        Assert.True(ProcessMemory.IsReadable, "This test reads /proc/self/mem; run it on Linux.");
        var label = GC.AllocateArray<char>(64, pinned: true);
        var memory = ProcessMemory.RandomHexSecret(label);

        var before = Encoding.UTF8.GetBytes($"_handler=connect&Form.ApiKey={Gate.ApiKey}&Form.Action=connect&Form.Secret=0&Form.Label=");
        var (status, _) = await PostFormAsync(_app.Client, "/connections/new/gate", Form(before, label, ""u8));
        Array.Clear(label);

        Assert.Equal(HttpStatusCode.SeeOther, status);
        Assert.True(memory.CountCopies() >= 1);
    }

    /// <summary><paramref name="before"/>, <paramref name="value"/> (hex, so nothing to escape) and <paramref name="after"/>, in a pinned buffer.</summary>
    private static byte[] Form(ReadOnlySpan<byte> before, char[] value, ReadOnlySpan<byte> after)
    {
        var body = GC.AllocateArray<byte>(before.Length + value.Length + after.Length, pinned: true);
        before.CopyTo(body);
        var at = before.Length + Encoding.ASCII.GetBytes(value, body.AsSpan(before.Length));
        after.CopyTo(body.AsSpan(at));
        return body;
    }

    /// <summary>The parts one after another in a pinned buffer; the parts are zeroed.</summary>
    private static byte[] Concat(params byte[][] parts)
    {
        var body = GC.AllocateArray<byte>(parts.Sum(p => p.Length), pinned: true);
        var at = 0;
        foreach (var part in parts)
        {
            part.CopyTo(body, at);
            at += part.Length;
            CryptographicOperations.ZeroMemory(part);
        }

        return body;
    }

    /// <summary>Locks the vault through the API, as the person does, which also drops what the pages held for their forms.</summary>
    private async Task LockAsync()
    {
        using var response = await ApiCalls.SendAsync(_app.Client, HttpMethod.Post, "/api/vault/lock");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// Posts the form named <paramref name="form"/> as <c>multipart/form-data</c>, as a browser uploads a file: the
    /// page's antiforgery token, <paramref name="file"/> as <c>Import.File</c> and <paramref name="password"/> (hex) as
    /// <c>Import.Password</c>, built in a pinned buffer that is zeroed once sent.
    /// </summary>
    private static async Task<(HttpStatusCode Status, string Page)> PostMultipartAsync(HttpClient client, string path, string form, byte[] file, char[] password)
    {
        const string Boundary = "keyfolio-memory-test";
        var token = WebUtility.HtmlDecode(await Antiforgery.FromPageAsync(client, path));
        var head = Encoding.ASCII.GetBytes(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"_handler\"\r\n\r\n{form}\r\n"
            + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n"
            + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"Import.File\"; filename=\"keyfolio.kfx\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        var middle = Encoding.ASCII.GetBytes($"\r\n--{Boundary}\r\nContent-Disposition: form-data; name=\"Import.Password\"\r\n\r\n");
        var tail = Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n");
        var body = GC.AllocateArray<byte>(head.Length + file.Length + middle.Length + password.Length + tail.Length, pinned: true);
        try
        {
            var at = 0;
            foreach (var part in new[] { head, file, middle })
            {
                part.CopyTo(body, at);
                at += part.Length;
            }

            at += Encoding.ASCII.GetBytes(password, body.AsSpan(at));
            tail.CopyTo(body, at);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
            using var response = await client.PostAsync(path, content);
            // A refused form is sent back to its page (303): the page shown is the one read there.
            var page = response.StatusCode == HttpStatusCode.SeeOther ? await client.GetStringAsync(response.Headers.Location) : await response.Content.ReadAsStringAsync();
            return (response.StatusCode, page);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(body);
        }
    }

    /// <summary>Posts <paramref name="body"/> with the page's antiforgery token, as a browser does, and zeroes it.</summary>
    private static async Task<(HttpStatusCode Status, string Page)> PostFormAsync(HttpClient client, string path, byte[] body)
    {
        byte[]? withToken = null;
        try
        {
            var token = Encoding.ASCII.GetBytes("&__RequestVerificationToken=" + Uri.EscapeDataString(WebUtility.HtmlDecode(await Antiforgery.FromPageAsync(client, path))));
            withToken = GC.AllocateArray<byte>(body.Length + token.Length, pinned: true);
            body.CopyTo(withToken, 0);
            token.CopyTo(withToken, body.Length);
            using var content = new ByteArrayContent(withToken);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
            using var response = await client.PostAsync(path, content);
            // A refused form is sent back to its page (303): the page shown is the one read there.
            var page = response.StatusCode == HttpStatusCode.SeeOther ? await client.GetStringAsync(response.Headers.Location) : await response.Content.ReadAsStringAsync();
            return (response.StatusCode, page);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(body);
            if (withToken is not null)
            {
                CryptographicOperations.ZeroMemory(withToken);
            }
        }
    }
}
