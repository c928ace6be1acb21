using System.Globalization;
using System.Net;
using Keyfolio.Core.Settings;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Health;

/// <summary>
/// Knows this host's egress address: learnt from exchange errors that name the caller, or asked of an echo URL when
/// one is configured (off by default, since it tells a third party that this host runs Keyfolio). The echo URL chosen on
/// Settings wins; <paramref name="configuredEchoUrl"/> (<c>EgressIp:EchoUrl</c>) applies while none is chosen.
/// </summary>
public sealed class EgressAddressService(SettingsStore settings, TimeProvider time, HttpClient? echoClient = null, Uri? configuredEchoUrl = null)
{
    public async Task<EgressAddress?> GetAsync(CancellationToken cancellationToken)
    {
        var values = await settings.GetAllAsync(cancellationToken).ConfigureAwait(false);
        if (!values.TryGetValue(SettingsStore.EgressIp, out var address))
        {
            return null;
        }

        var source = values.TryGetValue(SettingsStore.EgressIpSource, out var named) && Enum.TryParse<EgressAddressSource>(named, out var parsed) ? parsed : EgressAddressSource.ExchangeError;
        var seen = values.TryGetValue(SettingsStore.EgressIpSeenAt, out var at) && long.TryParse(at, NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros)
            ? Storage.DbValues.FromMicroseconds(micros)
            : DateTimeOffset.MinValue;
        return new EgressAddress(address, source, seen);
    }

    /// <summary>The address asked for this host's public address (an "echo" service): the one chosen on Settings, else the
    /// configured one, else null.</summary>
    public async Task<Uri?> GetEchoUrlAsync(CancellationToken cancellationToken) =>
        await settings.GetAsync(SettingsStore.EgressIpEchoUrl, cancellationToken).ConfigureAwait(false) is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var echo)
            ? echo
            : configuredEchoUrl;

    /// <summary>The echo URL the configuration gives (<c>EgressIp:EchoUrl</c>), used while none is chosen on Settings.</summary>
    public Uri? ConfiguredEchoUrl => configuredEchoUrl;

    /// <summary>Sets (or with null, clears) the echo URL: an https address that answers with the caller's address as plain text.</summary>
    public async Task<CoreResult<Uri?>> SetEchoUrlAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            await settings.SetAsync(SettingsStore.EgressIpEchoUrl, null, cancellationToken).ConfigureAwait(false);
            return CoreResult<Uri?>.Success(null);
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var echo) || (echo.Scheme != Uri.UriSchemeHttps && !(echo.Scheme == Uri.UriSchemeHttp && echo.IsLoopback)) || echo.UserInfo.Length > 0)
        {
            return Errors.BadInput(
                "echoUrl",
                Texts.Of("TheAddressDiscoveryURLMust"),
                Texts.Of("GiveAServiceThatAnswers"));
        }

        await settings.SetAsync(SettingsStore.EgressIpEchoUrl, echo.AbsoluteUri, cancellationToken).ConfigureAwait(false);
        return echo;
    }

    /// <summary>Remembers the address an exchange named in a refusal, if it did.</summary>
    public async Task LearnAsync(Diagnosis? diagnosis, CancellationToken cancellationToken)
    {
        if (diagnosis?.CallerIp is { } ip && IPAddress.TryParse(ip, out _))
        {
            await SaveAsync(ip, EgressAddressSource.ExchangeError, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Asks the configured echo URL, when there is one; null when none is configured or it gave no address.</summary>
    public async Task<EgressAddress?> RefreshFromEchoAsync(CancellationToken cancellationToken)
    {
        if (echoClient is null || await GetEchoUrlAsync(cancellationToken).ConfigureAwait(false) is not { } echo)
        {
            return null;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var text = (await echoClient.GetStringAsync(echo, timeout.Token).ConfigureAwait(false)).Trim();
            if (!IPAddress.TryParse(text, out _))
            {
                return null;
            }

            await SaveAsync(text, EgressAddressSource.EchoService, cancellationToken).ConfigureAwait(false);
            return new EgressAddress(text, EgressAddressSource.EchoService, time.GetUtcNow());
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private Task SaveAsync(string address, EgressAddressSource source, CancellationToken cancellationToken) =>
        settings.SetAsync(
            new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [SettingsStore.EgressIp] = address,
                [SettingsStore.EgressIpSource] = source.ToString(),
                [SettingsStore.EgressIpSeenAt] = Storage.DbValues.ToMicroseconds(time.GetUtcNow()).ToString(CultureInfo.InvariantCulture),
            },
            cancellationToken);
}
