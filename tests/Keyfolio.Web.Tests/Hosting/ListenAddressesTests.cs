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

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://192.168.1.20:5080")]
    [InlineData("http://keyfolio.example:80")]
    public void A_remote_plain_http_address_is_refused_unless_insecure_http_is_asked_for(string url)
    {
        var error = Assert.Throws<ListenAddressException>(() => ListenAddresses.Check([url], allowRemote: true));

        Assert.Contains("https", error.Message, StringComparison.Ordinal);
        Assert.Contains("--insecure-http", error.Message, StringComparison.Ordinal);
        Assert.Single(ListenAddresses.Check([url], allowRemote: true, insecureHttp: true));
    }

    [Fact]
    public void Remote_access_needs_the_host_names_and_accepts_no_wildcard()
    {
        var none = Assert.Throws<ListenAddressException>(() => ListenAddresses.AllowedHosts(allowRemote: true, []));
        var wildcard = Assert.Throws<ListenAddressException>(() => ListenAddresses.AllowedHosts(allowRemote: true, ["*"]));
        var subdomains = Assert.Throws<ListenAddressException>(() => ListenAddresses.AllowedHosts(allowRemote: true, ["*.example.org"]));

        Assert.Contains("--allowed-hosts", none.Message, StringComparison.Ordinal);
        Assert.Contains("wildcards", wildcard.Message, StringComparison.Ordinal);
        Assert.Contains("wildcards", subdomains.Message, StringComparison.Ordinal);
        Assert.Equal(["127.0.0.1", "localhost", "[::1]", "keyfolio.example.org", "192.168.1.20"], ListenAddresses.AllowedHosts(allowRemote: true, ["keyfolio.example.org,192.168.1.20"]));
        Assert.Equal(["127.0.0.1", "localhost", "[::1]"], ListenAddresses.AllowedHosts(allowRemote: false, ["ignored.example"]));
    }

    [Theory]
    [InlineData("http://[::ffff:127.0.0.1]:5080")]
    [InlineData("http://[::ffff:127.0.0.9]:5080")]
    public void An_ipv4_loopback_address_written_as_ipv6_is_loopback(string url) =>
        Assert.Empty(ListenAddresses.Check([url], allowRemote: false));

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
