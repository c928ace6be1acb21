using Keyfolio.Simulator.Hosting;
using Keyfolio.Simulator.Throttling;

namespace Keyfolio.Simulator.Exchanges;

/// <summary>
/// What the simulator's shared parts (configuration, hosting, throttling) know of one exchange, declared by its site
/// in its folder: its name, its regions and the sites (ports) that serve them, its wallets, whether every key has a
/// passphrase, the rate limits it publishes, and how its site is made.
/// </summary>
internal sealed record SimulatedExchange
{
    /// <summary>The exchange's name in configuration files and the endpoints JSON (<c>binance</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The exchange's own name, for messages.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The region an account is in when its configuration names none; served on the site <see cref="Name"/>.</summary>
    public string DefaultRegion { get; init; } = "global";

    /// <summary>The other regions, each on a site of its own (an entity with its own host and keys).</summary>
    public IReadOnlyList<RegionalSite> RegionalSites { get; init; } = [];

    /// <summary>The wallets an account's balances may be in, in the exchange's words.</summary>
    public IReadOnlyList<string> Wallets { get; init; } = ["spot"];

    public bool RequiresPassphrase { get; init; }

    /// <summary>The limits the exchange publishes, each named <c>exchange.rule</c> for configuration.</summary>
    public required IReadOnlyList<RateLimitRule> RateLimits { get; init; }

    /// <summary>Makes the exchange's site for one of its site names (<see cref="Name"/> or a regional site).</summary>
    public required Func<SimulatorRuntime, string, ExchangeSite> CreateSite { get; init; }

    public IReadOnlyList<string> Regions => [DefaultRegion, .. RegionalSites.Select(r => r.Region)];

    /// <summary>Every site the exchange is served on: its own, then its regional ones.</summary>
    public IReadOnlyList<string> Sites => [Name, .. RegionalSites.Select(r => r.Site)];

    public string SiteFor(string region) => RegionalSites.FirstOrDefault(r => r.Region == region)?.Site ?? Name;
}

/// <summary>A region of an exchange served on its own site (port): <c>us</c> on <c>binance-us</c>.</summary>
internal sealed record RegionalSite(string Region, string Site);
