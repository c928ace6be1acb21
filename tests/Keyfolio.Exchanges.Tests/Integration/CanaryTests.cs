using System.Globalization;
using System.Text;
using Keyfolio.Exchanges.Tests.Support;
using Keyfolio.Simulator;

namespace Keyfolio.Exchanges.Tests.Integration;

/// <summary>
/// After a matrix of successes and failures on every exchange, no log line (the HttpClient factory's included, at
/// Trace), no diagnosis and no audit record holds a secret — as text, Base64 or hex —, a passphrase, a signature sent
/// on the wire, or an API key.
/// </summary>
public sealed class CanaryTests
{
    [Fact]
    public async Task Neither_logs_nor_diagnoses_nor_audit_records_ever_contain_a_credential_or_a_signature()
    {
        await using var exchanges = await SimulatedExchanges.StartAsync(options: o => o.Timeout = TimeSpan.FromMilliseconds(300));
        foreach (var exchange in ExchangeIds.All)
        {
            var connector = exchanges[exchange];
            var main = exchanges.Account(exchange, "main");
            exchanges.Keep(await connector.VerifyAsync(main, CancellationToken.None));
            foreach (var label in new[] { "ip-locked", "expired", "no-rights", "never-created" })
            {
                exchanges.Keep(await connector.VerifyAsync(exchanges.Account(exchange, label), CancellationToken.None));
            }

            var key = TestKey.For(exchange, "second");
            using var wrongSecret = new ExchangeCredentials(key.ApiKey, TestKey.For(exchange, "main").Secret, "Wrong-Pass1!");
            exchanges.Keep(await connector.GetBalancesAsync(new ExchangeAccount(main.Endpoint, wrongSecret, "wrong"), CancellationToken.None));
            exchanges.Control.SetClockOffset(exchange.ToName(), TimeSpan.FromMinutes(-10));
            exchanges.Keep(await connector.GetKeyFactsAsync(main, CancellationToken.None));
            foreach (var fault in new[]
            {
                new SimulatorFault { Exchange = exchange.ToName(), ErrorRate = 1 },
                new SimulatorFault { Exchange = exchange.ToName(), Hang = true },
                new SimulatorFault { Exchange = exchange.ToName(), MalformedJson = true },
                new SimulatorFault { Exchange = exchange.ToName(), ForcedStatus = 429, RetryAfterSeconds = 1 },
            })
            {
                exchanges.Control.SetFault(fault);
                exchanges.Keep(await connector.GetBalancesAsync(exchanges.Account(exchange, "withdraw"), CancellationToken.None));
                exchanges.Control.ClearFaults(exchange.ToName());
            }
        }

        var forbidden = Forbidden().ToList();
        var signatures = exchanges.Signatures.Signatures.Distinct().ToList();
        Assert.NotEmpty(signatures);
        Assert.Contains(exchanges.Logs.Lines, line => line.Contains("System.Net.Http.HttpClient.Keyfolio.Exchanges", StringComparison.Ordinal) && line.Contains("Request Headers", StringComparison.Ordinal));
        Assert.NotEmpty(exchanges.Diagnoses);
        var reported = exchanges.Logs.Lines
            .Concat(exchanges.Diagnoses.Select(Describe))
            .Concat(exchanges.Observer.Completed.Select(r => r.ToString()))
            .ToList();
        foreach (var text in reported)
        {
            foreach (var value in forbidden.Concat(signatures))
            {
                Assert.False(text.Contains(value, StringComparison.OrdinalIgnoreCase), $"A report contains a credential or signature: {text}");
            }
        }
    }

    private static IEnumerable<string> Forbidden()
    {
        foreach (var exchange in ExchangeIds.All)
        {
            foreach (var label in SimulatedExchanges.Labels)
            {
                var key = TestKey.For(exchange, label);
                yield return key.ApiKey;
                yield return key.Secret;
                yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(key.Secret));
                yield return Convert.ToHexString(Encoding.UTF8.GetBytes(key.Secret));
                if (key.Passphrase is { } passphrase)
                {
                    yield return passphrase;
                }
            }
        }

        yield return "Wrong-Pass1!";
    }

    private static string Describe(Diagnosis diagnosis) =>
        string.Join(" | ", diagnosis.ToString(), diagnosis.ExchangeMessage, diagnosis.CallerIp, diagnosis.Explanation.For(CultureInfo.GetCultureInfo("en")), diagnosis.Explanation.For(CultureInfo.GetCultureInfo("zh-Hans")), diagnosis.Fix.For(CultureInfo.GetCultureInfo("en")), diagnosis.Fix.For(CultureInfo.GetCultureInfo("zh-Hans")));
}
