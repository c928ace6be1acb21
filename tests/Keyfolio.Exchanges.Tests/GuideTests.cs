using System.Globalization;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests;

public sealed class GuideTests
{
    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public void Every_guide_is_complete_in_english_and_chinese_and_says_never_to_enable_withdrawals(ExchangeId exchange)
    {
        var descriptor = ExchangeCatalog.Get(exchange);
        var guide = descriptor.Guide;
        var texts = guide.Steps.Concat(guide.Enable).Concat(guide.NeverEnable).Append(guide.IpWhitelist).Append(guide.KeyExpiry).ToList();

        Assert.True(guide.Steps.Count >= 4);
        Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t.For(CultureInfo.GetCultureInfo("en"))) || string.IsNullOrWhiteSpace(t.For(CultureInfo.GetCultureInfo("zh-Hans")))));
        Assert.All(texts, t => Assert.Contains(t.For(CultureInfo.GetCultureInfo("zh-Hans")), c => c >= '\u4e00' && c <= '\u9fff'));
        Assert.Contains(guide.NeverEnable, t => t.For(CultureInfo.GetCultureInfo("en")).Contains("withdraw", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("https", descriptor.ApiManagementPage.Scheme);
        Assert.Contains(descriptor.CredentialFields, f => f.Kind == CredentialFieldKind.Secret);
    }

    [Fact]
    public void The_okx_guide_explains_the_passphrase_and_the_14_day_rule()
    {
        var guide = ExchangeCatalog.Get(ExchangeId.Okx).Guide;

        Assert.NotNull(guide.Passphrase);
        Assert.Contains("14 days", guide.KeyExpiry.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Equal("Passphrase", ExchangeCatalog.Get(ExchangeId.Okx).CredentialFields.Single(f => f.Kind == CredentialFieldKind.Passphrase).Label.For(CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void Bittrex_is_closed_and_its_guide_says_so_first()
    {
        var bittrex = ExchangeCatalog.Get(ExchangeId.Bittrex);

        Assert.False(bittrex.IsOperating);
        Assert.Contains("closed", bittrex.Guide.Notice!.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.All(ExchangeCatalog.All.Where(d => d.Id != ExchangeId.Bittrex), d => Assert.True(d.IsOperating));
    }

    [Fact]
    public void Regions_and_environments_are_the_ones_each_exchange_has()
    {
        Assert.Equal(["com", "us"], ExchangeCatalog.Get(ExchangeId.Binance).Regions);
        Assert.Equal(["global", "eea", "us"], ExchangeCatalog.Get(ExchangeId.Okx).Regions);
        Assert.Equal(["main", "aws"], ExchangeCatalog.Get(ExchangeId.Htx).Regions);
        Assert.Contains(ExchangeEnvironment.Demo, ExchangeCatalog.Get(ExchangeId.Okx).Environments);
        Assert.Contains(ExchangeEnvironment.Testnet, ExchangeCatalog.Get(ExchangeId.Binance).Environments);
        Assert.Equal([ExchangeEnvironment.Live], ExchangeCatalog.Get(ExchangeId.Htx).Environments);
    }
}
