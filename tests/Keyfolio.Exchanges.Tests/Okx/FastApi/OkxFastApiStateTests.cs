using Keyfolio.Exchanges.Okx.FastApi;

namespace Keyfolio.Exchanges.Tests.Okx.FastApi;

public sealed class OkxFastApiStateTests
{
    [Fact]
    public void A_state_is_256_random_bits_in_base64url()
    {
        var states = Enumerable.Range(0, 1000).Select(_ => OkxFastApiState.Create()).ToList();

        Assert.All(states, state => Assert.Matches("^[A-Za-z0-9_-]{43}$", state));
        Assert.Equal(states.Count, states.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Only_the_same_state_matches()
    {
        var state = OkxFastApiState.Create();

        Assert.True(OkxFastApiState.Matches(state, new string(state.AsSpan())));
        Assert.False(OkxFastApiState.Matches(state, OkxFastApiState.Create()));
        Assert.False(OkxFastApiState.Matches(state, state[..^1]));
        Assert.False(OkxFastApiState.Matches(state, state + "x"));
        Assert.False(OkxFastApiState.Matches(state, state.ToUpperInvariant()));
        Assert.False(OkxFastApiState.Matches(state, null));
        Assert.False(OkxFastApiState.Matches(state, string.Empty));
    }
}
