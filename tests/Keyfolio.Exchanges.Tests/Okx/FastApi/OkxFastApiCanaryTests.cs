using System.Globalization;
using System.Text;
using Keyfolio.Exchanges.Okx.FastApi;
using Keyfolio.Simulator;

namespace Keyfolio.Exchanges.Tests.Okx.FastApi;

/// <summary>
/// After Fast connect succeeds, is refreshed, and fails in every way it can, no log line (the HttpClient factory's
/// included, at Trace), no diagnosis and nothing a result or a secret holder prints contains the client secret, a
/// state, a code, a token, the created key, its secret or its passphrase.
/// </summary>
public sealed class OkxFastApiCanaryTests
{
    [Fact]
    public async Task Neither_logs_nor_diagnoses_nor_printed_results_ever_contain_a_fast_api_secret()
    {
        await using var simulation = await FastApiSimulation.StartAsync(options: o => o.Timeout = TimeSpan.FromSeconds(2));
        var client = simulation.Client();
        var forbidden = new List<string> { simulation.ClientSecretText };
        var printed = new List<string>();
        using var secret = simulation.ClientSecret();

        var authorization = client.BeginAuthorization();
        forbidden.Add(authorization.State);
        var callback = await simulation.Browser.ClickAsync(authorization.AuthorizeUrl, "approve");
        forbidden.Add(CodeOf(callback));
        var codeResult = client.ReadCallback(callback.Query, authorization.State);
        using var code = simulation.Succeeded(codeResult);
        var tokensResult = await client.ExchangeCodeAsync(code, secret, CancellationToken.None);
        using var tokens = simulation.Succeeded(tokensResult);
        forbidden.Add(tokens.AccessToken.Text());
        forbidden.Add(tokens.RefreshToken.Text());
        var refreshedResult = await client.RefreshAsync(tokens, secret, CancellationToken.None);
        using var refreshed = simulation.Succeeded(refreshedResult);
        forbidden.Add(refreshed.AccessToken.Text());
        forbidden.Add(refreshed.RefreshToken.Text());
        var keyResult = await client.CreateReadOnlyKeyAsync(refreshed, ["127.0.0.1"], CancellationToken.None);
        using var credentials = simulation.Succeeded(keyResult);
        forbidden.AddRange(Forms(credentials.ApiKey));
        forbidden.AddRange(Forms(credentials.Reveal((_, secret, _) => new string(secret))));
        forbidden.Add(credentials.PassphraseText());
        simulation.Exchanges.Keep(await simulation.Exchanges[ExchangeId.Okx].VerifyAsync(
            new ExchangeAccount(new ExchangeEndpoint(ExchangeId.Okx), credentials, "fast-connect"), CancellationToken.None));
        printed.AddRange([authorization.ToString(), codeResult.ToString(), tokensResult.ToString(), refreshedResult.ToString(), keyResult.ToString(), secret.ToString()]);

        printed.Add(simulation.Failed(await client.RefreshAsync(tokens, secret, CancellationToken.None)).ToString());
        printed.Add(simulation.Failed(await client.ExchangeCodeAsync(code, secret, CancellationToken.None)).ToString());
        printed.Add(simulation.Failed(await client.CreateReadOnlyKeyAsync(refreshed, null, CancellationToken.None)).ToString());
        var weak = "weakpassphrase";
        forbidden.Add(weak);
        using (var again = await simulation.AuthorizeAsync(client))
        {
            forbidden.Add(again.AccessToken.Text());
            printed.Add(simulation.Failed(await client.CreateKeyAsync(again, null, weak.ToCharArray(), CancellationToken.None)).ToString());
        }

        var denial = client.BeginAuthorization();
        forbidden.Add(denial.State);
        var denied = await simulation.Browser.ClickAsync(denial.AuthorizeUrl, "deny");
        printed.Add(simulation.Failed(client.ReadCallback(denied.Query, denial.State)).ToString());
        printed.Add(simulation.Failed(client.ReadCallback(callback.Query, denial.State)).ToString());

        using var wrongSecret = new OkxFastApiClientSecret("wrong-" + simulation.ClientSecretText);
        forbidden.Add("wrong-" + simulation.ClientSecretText);
        using var other = await simulation.ApproveAsync(client);
        printed.Add(simulation.Failed(await client.ExchangeCodeAsync(other, wrongSecret, CancellationToken.None)).ToString());
        using var forged = new OkxFastApiTokens("forged-access-token-0001", "forged-refresh-token-0001", null);
        forbidden.AddRange(["forged-access-token-0001", "forged-refresh-token-0001"]);
        printed.Add(simulation.Failed(await client.CreateReadOnlyKeyAsync(forged, null, CancellationToken.None)).ToString());
        printed.Add(simulation.Failed(await client.RefreshAsync(forged, secret, CancellationToken.None)).ToString());
        foreach (var fault in new[]
        {
            new SimulatorFault { Exchange = "okx", ErrorRate = 1 },
            new SimulatorFault { Exchange = "okx", Hang = true },
            new SimulatorFault { Exchange = "okx", MalformedJson = true },
            new SimulatorFault { Exchange = "okx", ForcedStatus = 429, RetryAfterSeconds = 1 },
        })
        {
            using var faulted = await simulation.ApproveAsync(client);
            simulation.Exchanges.Control.SetFault(fault);
            printed.Add(simulation.Failed(await client.ExchangeCodeAsync(faulted, secret, CancellationToken.None)).ToString());
            simulation.Exchanges.Control.ClearFaults("okx");
        }

        var logs = simulation.Exchanges.Logs.Lines;
        Assert.Contains(logs, line => line.Contains("System.Net.Http.HttpClient.Keyfolio.Exchanges", StringComparison.Ordinal) && line.Contains("Request Headers", StringComparison.Ordinal));
        Assert.Contains(logs, line => line.Contains("/api/v5/users/oauth/apikey", StringComparison.Ordinal));
        Assert.Contains(logs, line => line.Contains("OKX Fast API created key ****", StringComparison.Ordinal));
        Assert.Equal(13, simulation.Exchanges.Diagnoses.Count);
        var reported = logs.Concat(simulation.Exchanges.Diagnoses.Select(Describe)).Concat(printed).ToList();
        foreach (var text in reported)
        {
            foreach (var value in forbidden)
            {
                Assert.False(text.Contains(value, StringComparison.OrdinalIgnoreCase), $"A report contains a Fast API secret: {text}");
            }
        }
    }

    private static string CodeOf(Uri callback) =>
        callback.Query.TrimStart('?').Split('&').Single(p => p.StartsWith("code=", StringComparison.Ordinal))["code=".Length..];

    private static IEnumerable<string> Forms(string value) =>
        [value, Convert.ToBase64String(Encoding.UTF8.GetBytes(value)), Convert.ToHexString(Encoding.UTF8.GetBytes(value))];

    private static string Describe(Diagnosis diagnosis) =>
        string.Join(" | ", diagnosis.ToString(), diagnosis.ExchangeMessage, diagnosis.Field, diagnosis.Explanation.For(CultureInfo.GetCultureInfo("en")), diagnosis.Explanation.For(CultureInfo.GetCultureInfo("zh-Hans")), diagnosis.Fix.For(CultureInfo.GetCultureInfo("en")), diagnosis.Fix.For(CultureInfo.GetCultureInfo("zh-Hans")));
}
