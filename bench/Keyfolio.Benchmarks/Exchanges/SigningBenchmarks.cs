using BenchmarkDotNet.Attributes;
using Keyfolio.Exchanges;
using Keyfolio.Exchanges.Binance;
using Keyfolio.Exchanges.Bitfinex;
using Keyfolio.Exchanges.Bittrex;
using Keyfolio.Exchanges.Gate;
using Keyfolio.Exchanges.HitBtc;
using Keyfolio.Exchanges.Htx;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Okx;

namespace Keyfolio.Benchmarks.Exchanges;

/// <summary>
/// What signing one balance request costs per exchange: building the request message with its signature, headers and
/// URI, exactly as the transport does before sending.
/// </summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private static readonly Uri BaseUrl = new("https://api.example.test");
    private static readonly SigningContext Context = new(DateTimeOffset.FromUnixTimeMilliseconds(1700000000123), 1700000000123000);

    private readonly Dictionary<ExchangeId, (ExchangeProtocol Protocol, ExchangeCall Call, ExchangeAccount Account)> _cases = [];

    [ParamsAllValues]
    public ExchangeId Exchange { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var nonces = new FileNonceStore(Path.GetTempPath(), TimeProvider.System);
        Add(new BinanceProtocol(), ExchangeCall.SignedGet("/api/v3/account", "omitZeroBalances=true", 20));
        Add(new OkxProtocol(), ExchangeCall.SignedGet("/api/v5/account/balance"));
        Add(new HtxProtocol(), ExchangeCall.SignedGet("/v1/account/accounts/100001/balance"));
        Add(new BitfinexProtocol(nonces), new ExchangeCall(HttpMethod.Post, "/v2/auth/r/wallets", Body: "{}"));
        Add(new HitBtcProtocol(), ExchangeCall.SignedGet("/api/3/spot/balance"));
        Add(new GateProtocol(), ExchangeCall.SignedGet("/api/v4/spot/accounts"));
        Add(new BittrexProtocol(), ExchangeCall.SignedGet("/v3/balances"));
    }

    [Benchmark]
    public HttpRequestMessage SignBalanceRequest()
    {
        var (protocol, call, account) = _cases[Exchange];
        return protocol.CreateSignedRequest(call, BaseUrl, account, Context, out _);
    }

    private void Add(ExchangeProtocol protocol, ExchangeCall call) =>
        _cases[protocol.Exchange] = (protocol, call, new ExchangeAccount(
            new ExchangeEndpoint(protocol.Exchange),
            new ExchangeCredentials("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210", "Passphrase1!"),
            "benchmark"));
}
