using Keyfolio.Exchanges.Tests.Support;
using Keyfolio.Simulator;

namespace Keyfolio.Exchanges.Tests.Integration;

/// <summary>Each failure class, answered by the simulator in the exchange's own form, yields the right diagnosis.</summary>
public sealed class DiagnosisTests
{
    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task An_unknown_key_is_diagnosed_invalid(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var diagnosis = await FailAsync(exchanges, exchanges.Account(exchange, "never-created"));

        Assert.Equal(DiagnosisCategory.InvalidKey, diagnosis.Category);
        Assert.NotNull(diagnosis.ExchangeCode);
    }

    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task A_secret_that_is_not_the_key_s_is_diagnosed_as_a_bad_signature(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();
        var key = TestKey.For(exchange, "main");
        var account = new ExchangeAccount(new ExchangeEndpoint(exchange), new ExchangeCredentials(key.ApiKey, TestKey.For(exchange, "second").Secret, key.Passphrase), "bad-secret");

        var diagnosis = await FailAsync(exchanges, account);

        if (exchange == ExchangeId.Kucoin)
        {
            // KuCoin's passphrase header is keyed with the secret and checked first: the refusal names the passphrase, and the diagnosis the secret too.
            Assert.Equal(DiagnosisCategory.WrongPassphrase, diagnosis.Category);
            Assert.Contains(DiagnosisCategory.BadSignature, diagnosis.OtherPossibleCauses);
        }
        else if (exchange == ExchangeId.Coinbase)
        {
            // Coinbase answers every refused JWT with a bare 401: the diagnosis names the key first and the mismatched private key among the causes.
            Assert.Equal((DiagnosisCategory.InvalidKey, 401), (diagnosis.Category, diagnosis.HttpStatus));
            Assert.Contains(DiagnosisCategory.BadSignature, diagnosis.OtherPossibleCauses);
        }
        else
        {
            Assert.Equal(DiagnosisCategory.BadSignature, diagnosis.Category);
        }
    }

    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task A_key_whitelisted_to_another_address_is_diagnosed_ip_not_allowed(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var diagnosis = await FailAsync(exchanges, exchanges.Account(exchange, "ip-locked"));

        if (exchange is ExchangeId.Binance or ExchangeId.Coinbase)
        {
            // Binance's -2015 and Coinbase's bare 401 cannot tell an unknown key from a refused address; the diagnosis names both.
            Assert.Equal(DiagnosisCategory.InvalidKey, diagnosis.Category);
            Assert.Contains(DiagnosisCategory.IpNotAllowed, diagnosis.OtherPossibleCauses);
        }
        else
        {
            Assert.Equal(DiagnosisCategory.IpNotAllowed, diagnosis.Category);
        }

        if (exchange is ExchangeId.Okx or ExchangeId.Htx or ExchangeId.HitBtc)
        {
            Assert.Equal("127.0.0.1", diagnosis.CallerIp);
        }
    }

    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task An_expired_key_is_diagnosed_expired_where_the_exchange_says_so_and_invalid_elsewhere(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var diagnosis = await FailAsync(exchanges, exchanges.Account(exchange, "expired"));

        Assert.Equal(exchange is ExchangeId.Htx or ExchangeId.Bybit ? DiagnosisCategory.KeyExpired : DiagnosisCategory.InvalidKey, diagnosis.Category);
    }

    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task A_key_without_the_read_right_is_diagnosed_missing_permission(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var diagnosis = await FailAsync(exchanges, exchanges.Account(exchange, "no-rights"));

        if (exchange == ExchangeId.Binance)
        {
            // Binance answers -2015 to every call of a key that cannot read, the restrictions included.
            Assert.Equal(DiagnosisCategory.InvalidKey, diagnosis.Category);
            Assert.Contains(DiagnosisCategory.MissingPermission, diagnosis.OtherPossibleCauses);
        }
        else
        {
            Assert.Equal(DiagnosisCategory.MissingPermission, diagnosis.Category);
        }
    }

    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task A_revoked_key_is_diagnosed_invalid(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();
        var account = exchanges.Account(exchange, "revoked");
        Assert.True((await exchanges[exchange].GetBalancesAsync(account, CancellationToken.None)).IsSuccess);

        exchanges.Control.RevokeKey(exchange.ToName(), account.Credentials.ApiKey);
        var diagnosis = await FailAsync(exchanges, account);

        Assert.Equal(DiagnosisCategory.InvalidKey, diagnosis.Category);
    }

    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task A_restricted_location_is_diagnosed_region_blocked(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();
        exchanges.Control.SetRestrictedLocation(exchange.ToName(), true);

        var diagnosis = await FailAsync(exchanges, exchanges.Account(exchange, "main"));

        Assert.Equal(DiagnosisCategory.RegionBlocked, diagnosis.Category);

        // Bybit's CDN refuses US and Mainland-China addresses with its HTTP 403 page (https://bybit-exchange.github.io/docs/v5/guide).
        Assert.Equal(exchange == ExchangeId.Bybit ? 403 : 451, diagnosis.HttpStatus);
    }

    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task Maintenance_is_diagnosed_unavailable(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();
        exchanges.Control.SetFault(new SimulatorFault { Exchange = exchange.ToName(), Maintenance = true });

        var diagnosis = await FailAsync(exchanges, exchanges.Account(exchange, "main"));

        Assert.Equal(DiagnosisCategory.ExchangeUnavailable, diagnosis.Category);
    }

    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task A_body_that_is_not_json_is_diagnosed_unavailable(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();
        exchanges.Control.SetFault(new SimulatorFault { Exchange = exchange.ToName(), MalformedJson = true });

        var diagnosis = await FailAsync(exchanges, exchanges.Account(exchange, "main"));

        Assert.Equal(DiagnosisCategory.ExchangeUnavailable, diagnosis.Category);
    }

    [Theory]
    [MemberData(nameof(ExchangeData.All), MemberType = typeof(ExchangeData))]
    public async Task A_malformed_key_is_refused_locally_naming_the_field_and_nothing_is_sent(ExchangeId exchange)
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();
        var key = TestKey.For(exchange, "main");
        var account = new ExchangeAccount(new ExchangeEndpoint(exchange), new ExchangeCredentials(key.ApiKey[..^1] + "!", key.Secret, key.Passphrase), "malformed-key");

        var diagnosis = await FailAsync(exchanges, account);

        Assert.Equal(DiagnosisCategory.BadFormat, diagnosis.Category);
        Assert.Equal("apiKey", diagnosis.Field);
        Assert.Equal(0, exchanges.Control.GetCounters(exchange.ToName()).Requests);
    }

    [Fact]
    public async Task A_wrong_okx_passphrase_is_diagnosed_as_such()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();
        var key = TestKey.For(ExchangeId.Okx, "main");
        var account = new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Okx), new ExchangeCredentials(key.ApiKey, key.Secret, "Not-The-One1!"), "wrong-passphrase");

        var diagnosis = await FailAsync(exchanges, account);

        Assert.Equal(DiagnosisCategory.WrongPassphrase, diagnosis.Category);
        Assert.Equal("50105", diagnosis.ExchangeCode);
    }

    [Fact]
    public async Task An_okx_demo_key_works_on_demo_trading_and_is_diagnosed_wrong_environment_on_live()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var demo = await exchanges[ExchangeId.Okx].GetBalancesAsync(exchanges.Account(ExchangeId.Okx, "demo", new ExchangeEndpoint(ExchangeId.Okx, Environment: ExchangeEnvironment.Demo)), CancellationToken.None);
        var live = await FailAsync(exchanges, exchanges.Account(ExchangeId.Okx, "demo"));

        Assert.True(demo.IsSuccess, demo.ToString());
        Assert.Equal((DiagnosisCategory.WrongEnvironment, "50101"), (live.Category, live.ExchangeCode));
    }

    [Fact]
    public async Task An_okx_eea_key_works_on_its_region_and_is_diagnosed_wrong_environment_on_the_global_site()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var eea = await exchanges[ExchangeId.Okx].GetBalancesAsync(exchanges.Account(ExchangeId.Okx, "eea", new ExchangeEndpoint(ExchangeId.Okx, Region: "eea")), CancellationToken.None);
        var global = await FailAsync(exchanges, exchanges.Account(ExchangeId.Okx, "eea"));

        Assert.True(eea.IsSuccess, eea.ToString());
        Assert.Equal((DiagnosisCategory.WrongEnvironment, "50119"), (global.Category, global.ExchangeCode));
    }

    [Fact]
    public async Task A_binance_us_key_works_on_binance_us_and_on_binance_com_names_the_region_among_the_causes()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync();

        var us = await exchanges[ExchangeId.Binance].GetBalancesAsync(exchanges.Account(ExchangeId.Binance, "us", new ExchangeEndpoint(ExchangeId.Binance, Region: "us")), CancellationToken.None);
        var com = await FailAsync(exchanges, exchanges.Account(ExchangeId.Binance, "us"));

        Assert.True(us.IsSuccess, us.ToString());
        Assert.Equal(DiagnosisCategory.InvalidKey, com.Category);
        Assert.Contains(DiagnosisCategory.WrongEnvironment, com.OtherPossibleCauses);
    }

    [Fact]
    public async Task Bittrex_on_its_own_host_is_reported_closed_without_any_call()
    {
        var connectors = ExchangeConnectors.Create(new ExchangeClientOptions { StateDirectory = Path.GetTempPath() }, new HttpClient(new RefusingHandler()));
        var key = TestKey.For(ExchangeId.Bittrex, "main");
        var account = new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Bittrex), key.Credentials(), "closed");

        var balances = await connectors[ExchangeId.Bittrex].GetBalancesAsync(account, CancellationToken.None);
        var prices = await connectors[ExchangeId.Bittrex].GetUsdPricesAsync(account.Endpoint, ["BTC"], CancellationToken.None);

        Assert.Equal(DiagnosisCategory.ExchangeClosed, balances.Diagnosis?.Category);
        Assert.Equal(DiagnosisCategory.ExchangeClosed, prices.Diagnosis?.Category);
        Assert.False(connectors[ExchangeId.Bittrex].Descriptor.IsOperating);
    }

    internal static async Task<Diagnosis> FailAsync(SimulatedExchanges exchanges, ExchangeAccount account)
    {
        var result = exchanges.Keep(await exchanges[account.Exchange].GetBalancesAsync(account, CancellationToken.None));
        Assert.False(result.IsSuccess, "The call succeeded.");
        Assert.Equal(account.Exchange, result.Diagnosis.Exchange);
        return result.Diagnosis;
    }

    /// <summary>Fails the test if any request is made.</summary>
    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No request may be made to a closed exchange.");
    }
}
