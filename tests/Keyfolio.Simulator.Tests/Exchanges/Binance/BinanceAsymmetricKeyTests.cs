using System.Text.Json.Nodes;
using Keyfolio.Simulator.Tests.Signing;

namespace Keyfolio.Simulator.Tests.Exchanges.Binance;

/// <summary>
/// Self-generated Binance keys: the simulated Binance knows only the public half and checks the percent-encoded base64
/// Ed25519 or RSASSA-PKCS1-v1_5/SHA-256 signature of the query as sent (REST API, "SIGNED Endpoint Examples": RSA Keys,
/// Ed25519 Keys: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security).
/// </summary>
public sealed class BinanceAsymmetricKeyTests
{
    /// <summary>The Ed25519 private key Binance's FIX API page publishes for its signature example
    /// (https://developers.binance.com/docs/binance-spot-api-docs/fix-api, "Signature computation").</summary>
    private const string Ed25519Pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIIJEYWtGBrhACmb9Dvy+qa8WEf0lQOl1s4CLIAB9m89u\n-----END PRIVATE KEY-----\n";

    /// <summary>Another Ed25519 key, generated for this test with <c>openssl genpkey -algorithm ed25519</c>.</summary>
    private const string OtherEd25519Pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ1Tw5vFo7WbAjYskpY7/GN1FqWiA9/vx9qGMfyPiI0h\n-----END PRIVATE KEY-----\n";

    /// <summary>A 2048-bit RSA key generated for the signing vectors (<c>openssl genpkey -algorithm RSA</c>); never a real credential.</summary>
    private const string RsaPem = "-----BEGIN PRIVATE KEY-----\nMIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC2Cr2YYqP7A82S\n0TZC9kU4uN4f4B6Cej1QVPic+7YNOU8qJNF+6LCbNZKWmzOEukghpxeAGS7B2ies\nRsPW/UQ2xmkrID+DG9SYEKFjP9wU7uvC+zaX4xN/lNS3aJwBXUNp3vtzGtn2cSqH\nmqnw06SmLBMy0VGVAEda1QS+wcmXRlPyrSlS6aQIWxVM0MhwnjVxLgYxm6agm20n\n29t2y68Dk46OCI9Q79OdtKCq8aJgBOqN2WwJEmS08Ym9NJimmyYMg3X8zWt+XaoY\nJ0NKNxe9D0gTfRoK7Y3bUwZ6W1aBmibzChBkA0T3DsCJuewxHWwC5EtXjKksONJf\nYzRNLKQhAgMBAAECggEAB9mKt2l5fLd7Q9t1pYmNDpcaLPGzHxk6T556YfqQrR1N\nhpmz1u8dvnOe8JOcsxp9RcY4wzNSytUnZMxgYYLmUB5aJpvrYTHwBuagrvDwAo8S\n54OBpScLjjLSwV3nbD+jSots+FeuEmxq0xIeRd46eVfpNAXGqNAsQ4RwAfHFSZqS\nD4ndAlCpOm9rnRGSBk3aYWZcxvFsumZZsBZHqePPJKNKPjGqJwo63AdjdDTwAo5y\nlJljt8KWLFPsf9j2pqnM/pIBy3Xw35t4SXKo/58G57JO5SJjuE40pvSLiskgakTC\nHvWdhyxs+/yzhClGF67+mXOAvOzL+kUhPeqeWkN8qQKBgQDruRCx/TIWJfiFeeF4\nObxoFWUvIFghEhr21iovFbmE+CtyLxyc+vjw6G2YCD1cCz5sJNt3H7O3tCoVo3Se\nl4zOR3pzYGKCqzoN/xelS3lizZYZCgNzBGGJ4InQTtyIRN6tzh/5t3dOVeX1WuaI\nef1Qjy4JOSNatb03iQqYKZd7TwKBgQDFs4x5IWMrC3PzPqBnPCWuQ575ApIAC/VP\n3tUGaF2e3J/VN0C0fcnIO6/MtA+/lTtuAnMl5+SR7NdSbDusjMAbOUI6dghR8nOE\ndke9rNkEOXbGXlRvKSh2vUJfW3IyHo0Oo5RZRl5LBQPhBuVNhnjbdPiNFh6UqXlL\nNO6ZKQhNjwKBgFiNkYQMBkDjytT50IYFyo2fW/+0OudRkeeg1QATPTqCsG+Y2zrt\n3Y9DAcjXb5Wgc7bUsc2yjyU3/YdbfHgHntHvcETftKI6CPkxF4T1MYi4iualKF6R\nCsNtItiqh5Z5qN3KTaDWF2/KPTVLDMfAbDVTVIwKdwmgtJCkXuKC3XFpAoGBAIl1\niIMkOq5QHUOQVLjSsiRTMfJS3i6YIe1xss3svMNbBOqbqyqTlzvYfCgpPhXn7dVU\ncLl3XY40jZXqWSdlCaEkE69QKALKP5VnJAR2bMGqLrJIHg7YICFHACILFABTC6KV\nC+1yptckWokYYVCg4eE8mCCIs6SLnSE0YX0ucW5zAoGBAJ/83Q5sYoxXnouUDbhz\naE3YfPLyuFArjvCs314RRjzXqYjrV39QW4rn99xSz/fYRLSxi69lr9/okGgDTEs6\neA4XPrsBf3NNWDxLOG9kWUmRVx5taJraCBeojUQDDENAa9PgxkITnUuNqaWEB2Yk\nZ0Ou1d82EqUP86RnE8LriYq8\n-----END PRIVATE KEY-----\n";

    private static readonly TestKey Ed25519Key = new("binance", new string('K', 64), Ed25519Pem);
    private static readonly TestKey RsaKey = new("binance", new string('R', 64), RsaPem);

    private static void AddKeys(JsonObject config)
    {
        var accounts = config["accounts"]!.AsArray();
        foreach (var (key, uid) in new[] { (Ed25519Key, "9001"), (RsaKey, "9002") })
        {
            accounts.Add(new JsonObject
            {
                ["exchange"] = "binance",
                ["apiKey"] = key.ApiKey,
                ["secret"] = key.Secret,
                ["label"] = "self-generated " + uid,
                ["permissions"] = new JsonArray("read"),
                ["ipWhitelist"] = new JsonArray(),
                ["createdAt"] = "2023-01-05T00:00:00Z",
                ["uid"] = uid,
                ["balances"] = new JsonArray(new JsonObject { ["wallet"] = "spot", ["asset"] = "BTC", ["free"] = "0.25", ["locked"] = "0" }),
            });
        }
    }

    public static TheoryData<string> Keys => ["ed25519", "rsa"];

    private static TestKey KeyFor(string kind) => kind == "ed25519" ? Ed25519Key : RsaKey;

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task A_request_signed_with_the_private_key_reads_the_account(string kind)
    {
        await using var sim = await TestSimulator.StartAsync(AddKeys);

        var (status, body, _) = await sim.SendJsonAsync(new BinanceSigner().Balance(sim.Host.BaseUrl("binance"), KeyFor(kind), sim.Now));

        Assert.Equal(200, status);
        Assert.Contains(body!["balances"]!.AsArray(), b => (string?)b!["asset"] == "BTC" && decimal.Parse((string)b["free"]!, System.Globalization.CultureInfo.InvariantCulture) == 0.25m);
    }

    [Theory]
    [InlineData("ed25519", Tamper.Query)]
    [InlineData("ed25519", Tamper.Timestamp)]
    [InlineData("ed25519", Tamper.Body)]
    [InlineData("rsa", Tamper.Query)]
    [InlineData("rsa", Tamper.Timestamp)]
    public async Task A_signature_over_other_bytes_is_refused_as_invalid(string kind, Tamper tamper)
    {
        await using var sim = await TestSimulator.StartAsync(AddKeys);

        var (status, body, _) = await sim.SendJsonAsync(new BinanceSigner().Balance(sim.Host.BaseUrl("binance"), KeyFor(kind), sim.Now, tamper));

        Assert.Equal(400, status);
        Assert.Equal(-1022, (int)body!["code"]!);
        Assert.Equal("Signature for this request is not valid.", (string?)body["msg"]);
    }

    [Theory]
    [InlineData("another key")]
    [InlineData("hmac")]
    [InlineData("not base64")]
    public async Task A_signature_not_made_by_the_registered_key_is_refused(string what)
    {
        await using var sim = await TestSimulator.StartAsync(AddKeys);
        var query = "timestamp=" + sim.Now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + "&recvWindow=5000";
        var signature = what switch
        {
            "another key" => BinanceSigner.Sign(OtherEd25519Pem, query),
            "hmac" => BinanceSigner.Sign("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j", query),
            _ => "%%%",
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("binance"), "/api/v3/account?" + query + "&signature=" + signature));
        request.Headers.Add("X-MBX-APIKEY", Ed25519Key.ApiKey);

        var (status, body, _) = await sim.SendJsonAsync(request);

        Assert.Equal(400, status);
        Assert.Equal(-1022, (int)body!["code"]!);
    }

    [Fact]
    public async Task The_cross_checked_ed25519_request_is_accepted_byte_for_byte()
    {
        // ccxt 4.5.84's binance sign() and OpenSSL agree on this request (tests/Keyfolio.Exchanges.Tests/TestData/vectors-binance.json).
        await using var sim = await TestSimulator.StartAsync(AddKeys);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Host.BaseUrl("binance"),
            "/api/v3/account?timestamp=1700000000123&recvWindow=5000&signature=eIaBs%2FmZXXO0FgW7YbCSpOwCzwGV8zOMFz5SDKJUzZpvoig0cww0k1TNyVDz1dgF%2FDPVvO5aiXDyJslFy%2BD2AQ%3D%3D"));
        request.Headers.Add("X-MBX-APIKEY", Ed25519Key.ApiKey);

        var (status, _, _) = await sim.SendJsonAsync(request);

        Assert.Equal(200, status);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Ccxt_signs_with_the_private_key_and_reads_the_balance(string kind)
    {
        // ccxt's binance switches to Ed25519 (a PEM up to 120 characters) or RSA when the secret holds "PRIVATE KEY".
        await using var sim = await TestSimulator.StartOnSystemClockAsync(AddKeys);
        var arguments = ThirdPartyClients.CcxtClient.Arguments("binance", sim.BaseUrl("binance"), KeyFor(kind));

        var result = await ThirdPartyClients.CcxtClient.FetchBalanceAsync(arguments);

        Assert.True((bool)result["ok"]!, (string?)result["error"]);
        Assert.Equal(0.25m, BalanceReader.D(result["total"]!["BTC"]));
    }
}
