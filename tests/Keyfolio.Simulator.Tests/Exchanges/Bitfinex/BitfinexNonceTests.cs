using Keyfolio.Simulator.Tests.Signing;

namespace Keyfolio.Simulator.Tests.Exchanges.Bitfinex;

public sealed class BitfinexNonceTests
{
    [Fact]
    public async Task A_replayed_or_smaller_nonce_is_refused_and_a_larger_one_accepted()
    {
        await using var sim = await TestSimulator.StartAsync();
        var origin = sim.Host.BaseUrl("bitfinex");
        var key = TestSimulator.Key("bitfinex");

        var first = await sim.SendAsync(BitfinexSigner.Post(origin, "/v2/auth/r/wallets", key, "1700000000123000"));
        var replay = await sim.SendAsync(BitfinexSigner.Post(origin, "/v2/auth/r/wallets", key, "1700000000123000"));
        var smaller = await sim.SendAsync(BitfinexSigner.Post(origin, "/v2/auth/r/wallets", key, "1700000000122999"));
        var larger = await sim.SendAsync(BitfinexSigner.Post(origin, "/v2/auth/r/wallets", key, "1700000000123001"));

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(500, (int)replay.StatusCode);
        Assert.Equal("[\"error\",10114,\"nonce: small\"]", await replay.Content.ReadAsStringAsync());
        Assert.Equal("[\"error\",10114,\"nonce: small\"]", await smaller.Content.ReadAsStringAsync());
        Assert.Equal(200, (int)larger.StatusCode);
    }

    [Fact]
    public async Task A_nonce_above_the_largest_safe_integer_is_refused()
    {
        await using var sim = await TestSimulator.StartAsync();

        var response = await sim.SendAsync(BitfinexSigner.Post(sim.Host.BaseUrl("bitfinex"), "/v2/auth/r/wallets", TestSimulator.Key("bitfinex"), "9007199254740992"));

        Assert.Equal("[\"error\",10114,\"nonce: small\"]", await response.Content.ReadAsStringAsync());
    }
}
