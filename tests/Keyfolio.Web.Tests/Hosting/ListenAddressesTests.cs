using Keyfolio.Web.Hosting;

namespace Keyfolio.Web.Tests.Hosting;

public sealed class ListenAddressesTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.0.0.2:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("https://127.0.0.1:0")]
    public void Loopback_addresses_are_allowed_without_asking(string url) =>
        Assert.Empty(ListenAddresses.Check([url], allowRemote: false));

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://192.168.1.20:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://keyfolio.example:5080")]
    public void Other_addresses_are_refused_with_the_fix_named(string url)
    {
        var error = Assert.Throws<ListenAddressException>(() => ListenAddresses.Check([url], allowRemote: false));

        Assert.Contains(url, error.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-remote", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_addresses_are_allowed_when_asked_for_and_reported()
    {
        var remote = ListenAddresses.Check(["http://127.0.0.1:5080", "https://0.0.0.0:5443"], allowRemote: true);

        var address = Assert.Single(remote);
        Assert.Equal("0.0.0.0", address.Host);
    }

    [Theory]
    [InlineData("127.0.0.1:5080")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("not a url")]
    public void Malformed_addresses_are_refused_with_an_example(string url)
    {
        var error = Assert.Throws<ListenAddressException>(() => ListenAddresses.Check([url], allowRemote: true));

        Assert.Contains("http://127.0.0.1:5080", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_address_at_all_is_refused() =>
        Assert.Throws<ListenAddressException>(() => ListenAddresses.Check([], allowRemote: false));
}
