using System.Globalization;
using System.Text;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Storage;
using Keyfolio.Core.Tests.Support;

namespace Keyfolio.Core.Tests.Security;

/// <summary>
/// The secrets of real keys, used through every path the core has (add, refused add, sync, check, replace, export,
/// remove), never reach the database file or its WAL, a log line, an error message, an audit entry or a file in the
/// data directory, in any encoding.
/// </summary>
public sealed class CanaryTests
{
    [Fact]
    public async Task No_secret_or_passphrase_reaches_storage_logs_errors_or_the_audit_log()
    {
        await using var harness = await CoreHarness.StartAsync();
        var secrets = new[] { "Binance main", "OKX main", "Gate main" }.Select(label => harness.Account(label)).SelectMany(a => new[] { a.Secret, a.Passphrase }).OfType<string>().ToList();
        var messages = new List<string>();

        await harness.AddAsync("Binance main");
        await harness.AddAsync("OKX main");
        var okx = harness.Account("OKX main");
        using (var wrongSecret = new KeyCredentials(okx.ApiKey, harness.Account("Gate main").Secret[..32].ToUpperInvariant(), okx.Passphrase))
        {
            var refused = await harness.Get<ReplaceKeyCommand>().ReplaceAsync(new ReplaceKeyRequest(await harness.IdOfAsync("OKX main"), wrongSecret), CancellationToken.None);
            messages.Add(refused.Error!.ToString() + refused.Error.Message.For(CultureInfo.GetCultureInfo("zh-Hans")) + refused.Error.Fix.For(CultureInfo.GetCultureInfo("en")) + refused.Error.Diagnosis);
        }

        var withdraw = await harness.TryAddAsync("Binance withdraw-enabled");
        messages.Add(withdraw.Error!.Message.For(CultureInfo.GetCultureInfo("en")) + withdraw.Error.Fix.For(CultureInfo.GetCultureInfo("en")));
        await harness.Sync.RefreshAllAsync(CancellationToken.None);
        await harness.Get<CheckConnectionCommand>().CheckAsync(await harness.IdOfAsync("Binance main"), CancellationToken.None);
        using (var gate = harness.CredentialsOf("Gate main"))
        {
            messages.Add(gate.ToString());
            await harness.Get<ReplaceKeyCommand>().ReplaceAsync(new ReplaceKeyRequest(await harness.IdOfAsync("Binance main"), gate), CancellationToken.None);
        }

        var export = await harness.Transfer.ExportAsync(CoreHarness.Password, "export-granite-meadow-17", CancellationToken.None);
        await harness.Get<RemoveConnectionCommand>().RemoveAsync(await harness.IdOfAsync("OKX main"), deleteHistory: false, CancellationToken.None);

        SqlDialect.ReleasePooledConnections();
        foreach (var file in Directory.EnumerateFiles(harness.DataDirectory, "*", SearchOption.AllDirectories))
        {
            AssertAbsent(secrets, ReadShared(file), file);
        }

        AssertAbsent(secrets, export.Value!, "the export file");
        foreach (var line in harness.Logs.Lines)
        {
            AssertAbsent(secrets, Encoding.UTF8.GetBytes(line), "a log line");
        }

        Assert.NotEmpty(harness.Logs.Lines);
        foreach (var message in messages)
        {
            AssertAbsent(secrets, Encoding.UTF8.GetBytes(message), "an error message");
        }

        foreach (var entry in await harness.Audit.ReadNewestAsync(10_000, null, CancellationToken.None))
        {
            AssertAbsent(secrets, Encoding.UTF8.GetBytes(string.Join('|', entry.Actor, entry.ConnectionId, entry.KeyFingerprint, entry.Endpoint, entry.Outcome)), "an audit entry");
        }
    }

    private static void AssertAbsent(IEnumerable<string> secrets, ReadOnlySpan<byte> bytes, string where)
    {
        foreach (var secret in secrets)
        {
            var utf8 = Encoding.UTF8.GetBytes(secret);
            foreach (var form in new[] { utf8, Encoding.Unicode.GetBytes(secret), Encoding.ASCII.GetBytes(Convert.ToBase64String(utf8)), Encoding.ASCII.GetBytes(Convert.ToHexString(utf8)), Encoding.ASCII.GetBytes(Convert.ToHexStringLower(utf8)) })
            {
                Assert.False(bytes.IndexOf(form) >= 0, $"A secret appears in {where}.");
            }
        }
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
