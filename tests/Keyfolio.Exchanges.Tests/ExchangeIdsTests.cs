namespace Keyfolio.Exchanges.Tests;

public sealed class ExchangeIdsTests
{
    [Theory]
    [InlineData("binance", ExchangeId.Binance)]
    [InlineData("OKX", ExchangeId.Okx)]
    [InlineData("okex", ExchangeId.Okx)]
    [InlineData("huobi", ExchangeId.Htx)]
    [InlineData(" htx ", ExchangeId.Htx)]
    [InlineData("gate.io", ExchangeId.Gate)]
    [InlineData("bittrex", ExchangeId.Bittrex)]
    [InlineData("Kraken", ExchangeId.Kraken)]
    [InlineData("Bybit", ExchangeId.Bybit)]
    public void Known_names_and_former_names_parse(string name, ExchangeId expected)
    {
        Assert.True(ExchangeIds.TryParse(name, out var id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("mtgox")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_names_do_not_parse(string? name)
    {
        Assert.False(ExchangeIds.TryParse(name, out var id));
        Assert.Null(id);
    }

    [Fact]
    public void Every_exchange_round_trips_through_its_canonical_name()
    {
        Assert.Equal(11, ExchangeIds.All.Count);
        foreach (var exchange in ExchangeIds.All)
        {
            Assert.True(ExchangeIds.TryParse(exchange.ToName(), out var parsed));
            Assert.Equal(exchange, parsed);
        }
    }
}
