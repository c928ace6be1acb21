using System.Globalization;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Sync;
using Keyfolio.Core.Tests.Support;

namespace Keyfolio.Core.Tests.Connections;

/// <summary>
/// A key goes only where it was saved for: over https, or plain http to this machine's loopback address (the
/// simulator, a local proxy). The endpoint is sealed with the key, so someone who can write the database cannot send a
/// stored key elsewhere by editing the connection's clear columns.
/// </summary>
public sealed class EndpointBindingTests
{
    [Theory]
    [InlineData("http://192.0.2.10:8080")]
    [InlineData("http://proxy.example")]
    public async Task A_plain_http_API_URL_to_another_host_is_refused_naming_the_field_and_the_fix(string url)
    {
        await using var harness = await CoreHarness.StartAsync();
        harness.Simulator.Control.ResetCounters("gate");

        var result = await harness.TryAddAsync("Gate main", r => r with { CustomBaseUrl = new Uri(url) });

        Assert.Equal(CoreErrorKind.BadInput, result.Error?.Kind);
        Assert.Equal("apiUrl", result.Error!.Field);
        Assert.Contains("https", result.Error.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("https", result.Error.Message.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.Contains("https://", result.Error.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Empty(await harness.Connections.ListAsync(false, CancellationToken.None));
    }

    [Fact]
    public async Task Plain_http_on_the_loopback_address_still_reaches_the_simulator()
    {
        await using var harness = await CoreHarness.StartAsync();

        var view = await harness.AddAsync("Gate main", r => r with { CustomBaseUrl = harness.Simulator.BaseUrl("gate") });
        var check = await harness.Get<CheckConnectionCommand>().CheckAsync(await harness.IdOfAsync("Gate main"), CancellationToken.None);

        Assert.Equal(harness.Simulator.BaseUrl("gate"), view.Connection.CustomBaseUrl);
        Assert.True(check.IsSuccess, check.Error?.ToString());
    }

    [Theory]
    [InlineData("custom_base_url", "'{okx}'")]
    [InlineData("custom_base_url", "NULL")]
    [InlineData("environment", "'testnet'")]
    [InlineData("region", "'aws'")]
    public async Task An_endpoint_edited_in_the_database_is_refused_before_the_key_is_used(string column, string value)
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.AddAsync("HTX main", r => r with { CustomBaseUrl = harness.Simulator.BaseUrl("htx") });
        var sql = $"UPDATE connections SET {column} = {value.Replace("{okx}", harness.Simulator.BaseUrl("okx").ToString(), StringComparison.Ordinal)}";
        Assert.Equal(1, await harness.TamperAsync(sql));
        harness.Simulator.Control.ResetCounters("okx");
        harness.Simulator.Control.ResetCounters("htx");

        var check = await harness.Get<CheckConnectionCommand>().CheckAsync(await harness.IdOfAsync("HTX main"), CancellationToken.None);
        var refresh = (await harness.Sync.RefreshAllAsync(CancellationToken.None)).Single();
        using var replacement = harness.CredentialsOf("HTX main");
        var replace = await harness.Get<ReplaceKeyCommand>().ReplaceAsync(new ReplaceKeyRequest(await harness.IdOfAsync("HTX main"), replacement), CancellationToken.None);

        Assert.Equal(CoreErrorKind.Corrupted, check.Error?.Kind);
        Assert.Contains("endpoint", check.Error!.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Equal(RefreshResult.Skipped, refresh.Result);
        Assert.Equal(CoreErrorKind.Corrupted, refresh.Error?.Kind);
        Assert.Equal(CoreErrorKind.Corrupted, replace.Error?.Kind);
        Assert.Equal(0, harness.Simulator.Control.GetCounters("okx").Requests);
        Assert.Equal(0, harness.Simulator.Control.GetCounters("htx").Requests);
    }

    [Fact]
    public async Task An_export_carries_each_key_with_its_endpoint_into_the_new_vault()
    {
        await using var source = await CoreHarness.StartAsync();
        await source.AddAsync("Gate main", r => r with { CustomBaseUrl = source.Simulator.BaseUrl("gate") });
        var file = await source.Transfer.ExportAsync(CoreHarness.Password, "export-granite-meadow-17", CancellationToken.None);

        await using var target = await CoreHarness.StartAsync();
        var imported = await target.Transfer.ImportAsync(file.Value!, "export-granite-meadow-17", CancellationToken.None);
        var view = (await target.Connections.ListAsync(false, CancellationToken.None)).Single();

        Assert.Equal(["Gate main"], imported.Value!.Added);
        Assert.Equal(source.Simulator.BaseUrl("gate"), view.Connection.CustomBaseUrl);
    }
}
