using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Keyfolio.Simulator.Exchanges.Okx;

namespace Keyfolio.Simulator;

/// <summary>The simulator's JSON configuration (docs/simulator.md) as an object model.</summary>
public sealed class SimulatorConfig
{
    public IList<SimulatorAccount> Accounts { get; set; } = [];

    /// <summary>USD price per asset, served through each exchange's public tickers.</summary>
    public IDictionary<string, decimal> Prices { get; set; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>Fixed ports per site (<c>binance</c>, <c>okx-eea</c>, …, <c>admin</c>); absent or 0 means a free port.</summary>
    public IDictionary<string, int> Ports { get; set; } = new Dictionary<string, int>(StringComparer.Ordinal);

    public IList<SimulatorFault> Faults { get; set; } = [];

    public SimulatorRateLimits RateLimits { get; set; } = new();

    /// <summary>Start-up clock offset and restricted-location state per exchange.</summary>
    public IDictionary<string, SimulatorExchangeSettings> Exchanges { get; set; } = new Dictionary<string, SimulatorExchangeSettings>(StringComparer.Ordinal);

    public OkxOAuthSettings? OkxOAuth { get; set; }

    public static SimulatorConfig Parse(string json) => Parse(json, TimeProvider.System.GetUtcNow());

    public static SimulatorConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SimulatorConfigException($"Cannot read the simulator configuration '{path}': {ex.Message}", ex);
        }

        return Parse(json);
    }

    /// <summary>The sample the offline demo uses: healthy and problem accounts on every exchange.</summary>
    public static SimulatorConfig Demo()
    {
        using var stream = typeof(SimulatorConfig).Assembly.GetManifestResourceStream("Keyfolio.Simulator.demo-config.json")
            ?? throw new InvalidOperationException("The demo configuration is missing from the simulator assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    internal static SimulatorConfig Parse(string json, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(json);
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            Converters = { new ConfigInstantConverter(now) },
        };

        SimulatorConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<SimulatorConfig>(json, options);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) ? "" : $" at {ex.Path}";
            throw new SimulatorConfigException($"Invalid simulator configuration{where}: {Explain(ex)}", ex);
        }

        if (config is null)
        {
            throw new SimulatorConfigException("Invalid simulator configuration: the file holds null; write a JSON object with \"accounts\" and \"prices\".");
        }

        config.Validate();
        return config;
    }

    private static string Explain(JsonException ex)
    {
        // The serializer's own text names .NET types; the first sentence is enough, and the path says where.
        var message = ex.InnerException is FormatException or InvalidOperationException ? ex.InnerException.Message : ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private void Validate()
    {
        var seen = new HashSet<(string, string)>();
        var uids = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Accounts.Count; i++)
        {
            var account = Accounts[i] ?? throw Error($"accounts[{i}]", "is null; write an account object.");
            var at = $"accounts[{i}]";
            account.Exchange = (account.Exchange ?? "").Trim().ToLowerInvariant();
            if (!SimulatorExchanges.All.Contains(account.Exchange))
            {
                throw Error($"{at}.exchange", $"'{account.Exchange}' is not an exchange; use one of {string.Join(", ", SimulatorExchanges.All)}.");
            }

            if (string.IsNullOrWhiteSpace(account.ApiKey))
            {
                throw Error($"{at}.apiKey", "is missing; give the key's API key.");
            }

            if (string.IsNullOrEmpty(account.Secret))
            {
                throw Error($"{at}.secret", "is missing; give the key's secret.");
            }

            if (SimulatorExchanges.Find(account.Exchange) is { RequiresPassphrase: true } exchange && string.IsNullOrEmpty(account.Passphrase))
            {
                throw Error($"{at}.passphrase", $"is missing; every {exchange.DisplayName} key has a passphrase.");
            }

            if (!seen.Add((account.Exchange, account.ApiKey)))
            {
                throw Error($"{at}.apiKey", $"repeats a {account.Exchange} key of an earlier account; each account is one distinct key.");
            }

            account.Permissions ??= [];
            for (var p = 0; p < account.Permissions.Count; p++)
            {
                if (!SimulatorExchanges.Permissions.Contains(account.Permissions[p]))
                {
                    throw Error($"{at}.permissions[{p}]", $"'{account.Permissions[p]}' is not a permission; use {string.Join(", ", SimulatorExchanges.Permissions)}.");
                }
            }

            account.UnreadableWallets ??= [];
            var walletNames = SimulatorExchanges.WalletsOf(account.Exchange);
            for (var w = 0; w < account.UnreadableWallets.Count; w++)
            {
                if (!walletNames.Contains(account.UnreadableWallets[w]))
                {
                    throw Error($"{at}.unreadableWallets[{w}]", $"'{account.UnreadableWallets[w]}' is not a {account.Exchange} wallet; use {string.Join(", ", walletNames)}.");
                }
            }

            account.IpWhitelist ??= [];
            for (var w = 0; w < account.IpWhitelist.Count; w++)
            {
                if (!IsAddress(account.IpWhitelist[w]))
                {
                    throw Error($"{at}.ipWhitelist[{w}]", $"'{account.IpWhitelist[w]}' is not an IP address.");
                }
            }

            account.Environment = (account.Environment ?? "live").Trim().ToLowerInvariant();
            if (account.Environment is not ("live" or "demo" or "testnet"))
            {
                throw Error($"{at}.environment", $"'{account.Environment}' is not an environment; use live, demo or testnet.");
            }

            var regions = SimulatorExchanges.RegionsOf(account.Exchange);
            account.Region = string.IsNullOrWhiteSpace(account.Region) ? SimulatorExchanges.DefaultRegion(account.Exchange) : account.Region.Trim().ToLowerInvariant();
            if (!regions.Contains(account.Region))
            {
                throw Error($"{at}.region", $"'{account.Region}' is not a {account.Exchange} region; use {string.Join(" or ", regions)}.");
            }

            account.Uid = string.IsNullOrWhiteSpace(account.Uid) ? GeneratedUid(account.Exchange, i) : account.Uid.Trim();
            if (!account.Uid.All(char.IsAsciiDigit))
            {
                throw Error($"{at}.uid", $"'{account.Uid}' is not a uid; write digits only.");
            }

            if (uids.TryGetValue(account.Uid, out var owner) && owner != account.Exchange)
            {
                throw Error($"{at}.uid", $"'{account.Uid}' is already a {owner} uid; a uid belongs to one exchange.");
            }

            uids[account.Uid] = account.Exchange;
            account.Balances ??= [];
            ValidateBalances(account.Exchange, account.Balances, $"{at}.balances");
            account.SubAccounts ??= [];
            var subNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var s = 0; s < account.SubAccounts.Count; s++)
            {
                var sub = account.SubAccounts[s] ?? throw Error($"{at}.subAccounts[{s}]", "is null; write a sub-account object.");
                if (string.IsNullOrWhiteSpace(sub.Name) || sub.Name.Any(char.IsWhiteSpace) || sub.Name.Length > 100)
                {
                    throw Error($"{at}.subAccounts[{s}].name", $"'{sub.Name}' is not a sub-account name; write the name the exchange gives it (an e-mail or a sub-account name), without spaces.");
                }

                if (!subNames.Add(sub.Name))
                {
                    throw Error($"{at}.subAccounts[{s}].name", $"'{sub.Name}' repeats an earlier sub-account of this account.");
                }

                sub.Uid = string.IsNullOrWhiteSpace(sub.Uid) ? account.Uid + (s + 1).ToString("D3", CultureInfo.InvariantCulture) : sub.Uid.Trim();
                if (!sub.Uid.All(char.IsAsciiDigit))
                {
                    throw Error($"{at}.subAccounts[{s}].uid", $"'{sub.Uid}' is not a uid; write digits only.");
                }

                sub.Balances ??= [];
                ValidateBalances(account.Exchange, sub.Balances, $"{at}.subAccounts[{s}].balances");
            }
        }

        Prices ??= new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (asset, price) in Prices)
        {
            if (price <= 0)
            {
                throw Error($"prices.{asset}", $"is {price.ToString(CultureInfo.InvariantCulture)}; a USD price must be above zero.");
            }
        }

        Ports ??= new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (site, port) in Ports)
        {
            if (!SimulatorExchanges.Sites.Contains(site) && site != SimulatorExchanges.Admin)
            {
                throw Error($"ports.{site}", $"is not a site; use {string.Join(", ", SimulatorExchanges.Sites)} or admin.");
            }

            if (port is < 0 or > 65535)
            {
                throw Error($"ports.{site}", $"{port} is not a port; use 1-65535, or 0 for a free port.");
            }
        }

        Faults ??= [];
        for (var i = 0; i < Faults.Count; i++)
        {
            ValidateFault(Faults[i], $"faults[{i}]");
        }

        Exchanges ??= new Dictionary<string, SimulatorExchangeSettings>(StringComparer.Ordinal);
        foreach (var name in Exchanges.Keys)
        {
            if (!SimulatorExchanges.All.Contains(name))
            {
                throw Error($"exchanges.{name}", $"is not an exchange; use one of {string.Join(", ", SimulatorExchanges.All)}.");
            }
        }

        RateLimits ??= new SimulatorRateLimits();
        RateLimits.Limits ??= new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (rule, limit) in RateLimits.Limits)
        {
            if (!Throttling.RateLimitRules.Known.Contains(rule))
            {
                throw Error($"rateLimits.limits.{rule}", $"is not a rate-limit rule; use one of {string.Join(", ", Throttling.RateLimitRules.Known)}.");
            }

            if (limit < 1)
            {
                throw Error($"rateLimits.limits.{rule}", "must be at least 1; set rateLimits.enabled to false to turn limits off.");
            }
        }

        if (OkxOAuth is { } oauth)
        {
            oauth.Clients ??= [];
            for (var i = 0; i < oauth.Clients.Count; i++)
            {
                var client = oauth.Clients[i];
                if (string.IsNullOrWhiteSpace(client.ClientId) || string.IsNullOrEmpty(client.ClientSecret))
                {
                    throw Error($"okxOAuth.clients[{i}]", "needs a clientId and a clientSecret.");
                }

                if (client.RedirectUris is not { Count: > 0 })
                {
                    throw Error($"okxOAuth.clients[{i}].redirectUris", "is empty; list at least one redirect URI, e.g. \"http://127.0.0.1:*/callback\".");
                }
            }

            oauth.User ??= new OkxOAuthUser();
            ValidateBalances(OkxSite.Definition.Name, oauth.User.Balances ??= [], "okxOAuth.user.balances");
        }
    }

    /// <summary>Checks a fault given at run time as strictly as one read from the file.</summary>
    internal static void ValidateFault(SimulatorFault? fault, string at)
    {
        if (fault is null)
        {
            throw Error(at, "is null; write a fault object.");
        }

        if (!SimulatorExchanges.All.Contains(fault.Exchange))
        {
            throw Error($"{at}.exchange", $"'{fault.Exchange}' is not an exchange; use one of {string.Join(", ", SimulatorExchanges.All)}.");
        }

        if (fault.ErrorRate is < 0 or > 1 || double.IsNaN(fault.ErrorRate))
        {
            throw Error($"{at}.errorRate", "must be between 0 and 1 (the share of requests answered with a 5xx).");
        }

        if (fault.ForcedStatus is { } status && status is not (429 or 418))
        {
            throw Error($"{at}.forcedStatus", $"{status} cannot be forced; use 429 or 418.");
        }

        if (fault.LatencyMs < 0 || fault.JitterMs < 0 || fault.RetryAfterSeconds < 0)
        {
            throw Error(at, "latencyMs, jitterMs and retryAfterSeconds cannot be negative.");
        }
    }

    internal static void ValidateBalances(string exchange, IList<SimulatorBalance> balances, string at)
    {
        var wallets = SimulatorExchanges.WalletsOf(exchange);
        for (var b = 0; b < balances.Count; b++)
        {
            var balance = balances[b] ?? throw Error($"{at}[{b}]", "is null; write a balance object.");
            if (!wallets.Contains(balance.Wallet))
            {
                throw Error($"{at}[{b}].wallet", $"'{balance.Wallet}' is not a {exchange} wallet; use {string.Join(", ", wallets)}.");
            }

            if (string.IsNullOrWhiteSpace(balance.Asset) || !balance.Asset.All(char.IsAsciiLetterOrDigit))
            {
                throw Error($"{at}[{b}].asset", $"'{balance.Asset}' is not an asset symbol; write letters and digits such as BTC.");
            }

            if (balance.Free < 0 || balance.Locked < 0 || balance.Borrowed < 0 || balance.Interest < 0)
            {
                throw Error($"{at}[{b}]", "free, locked, borrowed and interest cannot be negative.");
            }
        }
    }

    /// <summary>A full IPv4 dotted quad or an IPv6 address; IPAddress alone also takes legacy forms such as "1.2.3".</summary>
    private static bool IsAddress(string text) =>
        IPAddress.TryParse(text, out var address)
        && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || text.Count(c => c == '.') == 3);

    private static string GeneratedUid(string exchange, int index) =>
        (1_000_000 + (SimulatorExchanges.All.ToList().IndexOf(exchange) * 100_000) + index).ToString(CultureInfo.InvariantCulture);

    private static SimulatorConfigException Error(string path, string problem) =>
        new($"Invalid simulator configuration at $.{path}: {problem}");
}
