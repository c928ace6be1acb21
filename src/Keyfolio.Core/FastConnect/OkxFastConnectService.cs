using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Keyfolio.Core.Access;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Settings;
using Keyfolio.Core.Storage;
using Keyfolio.Exchanges;
using Keyfolio.Exchanges.Okx.FastApi;
using Keyfolio.Vault.Audit;

namespace Keyfolio.Core.FastConnect;

/// <summary>
/// OKX Fast connect: the operator's OAuth client (settings in the database, the client secret encrypted in the vault),
/// and the flow itself. <see cref="BeginAsync"/> keeps the OAuth state for the browser session that asked and gives the
/// consent page to send it to; <see cref="CompleteAsync"/> checks the state OKX sent back, exchanges the code, creates a
/// read-only key and adds it like any other connection: verified, stored encrypted, audited. The two OKX calls are
/// recorded in the audit log here, since the connectors' call observer does not see them, and fail closed like it.
/// </summary>
public sealed class OkxFastConnectService
{
    /// <summary>The vault credential that holds the client secret.</summary>
    internal const string ClientSecretCredentialId = "okx-fast-api-client-secret";

    private const string CreateKeyPath = "/api/v5/users/oauth/apikey";
    private const string Prefix = "okx_fast_api.";
    private const string ClientIdSetting = Prefix + "client_id";
    private const string AuthorizeUrlSetting = Prefix + "authorize_url";
    private const string ApiBaseUrlSetting = Prefix + "api_base_url";
    private const string TokenPathSetting = Prefix + "token_path";
    private const string RedirectUriSetting = Prefix + "redirect_uri";
    private const string KeyLabelSetting = Prefix + "key_label";

    /// <summary>How long a started flow waits for OKX to send the browser back (OKX's codes live ten minutes).</summary>
    public static readonly TimeSpan FlowLifetime = TimeSpan.FromMinutes(15);

    private readonly KeyfolioDatabase _database;
    private readonly SettingsStore _settings;
    private readonly VaultAccess _vault;
    private readonly AuditTrail _audit;
    private readonly ExchangeConnectors _connectors;
    private readonly ConnectionService _connections;
    private readonly AddConnectionCommand _add;
    private readonly TimeProvider _time;
    private readonly FastConnectDefaults _configured;
    private readonly ConcurrentDictionary<string, PendingFlow> _flows = new(StringComparer.Ordinal);

    internal OkxFastConnectService(
        KeyfolioDatabase database,
        SettingsStore settings,
        VaultAccess vault,
        AuditTrail audit,
        ExchangeConnectors connectors,
        ConnectionService connections,
        AddConnectionCommand add,
        TimeProvider time,
        FastConnectDefaults? configured = null)
    {
        _configured = configured ?? new FastConnectDefaults();
        _database = database;
        _settings = settings;
        _vault = vault;
        _audit = audit;
        _connectors = connectors;
        _connections = connections;
        _add = add;
        _time = time;
    }

    public async Task<OkxFastConnectSettings> GetSettingsAsync(CancellationToken cancellationToken)
    {
        var values = await _settings.GetAllAsync(cancellationToken).ConfigureAwait(false);
        var builtIn = new OkxFastConnectSettings();
        var defaults = new OkxFastConnectSettings
        {
            ClientId = _configured.ClientId ?? builtIn.ClientId,
            AuthorizeUrl = _configured.AuthorizeUrl ?? builtIn.AuthorizeUrl,
            ApiBaseUrl = _configured.ApiBaseUrl ?? builtIn.ApiBaseUrl,
            RedirectUri = _configured.RedirectUri ?? builtIn.RedirectUri,
            KeyLabel = _configured.KeyLabel ?? builtIn.KeyLabel,
        };
        return new OkxFastConnectSettings
        {
            ClientId = Text(values, ClientIdSetting, defaults.ClientId),
            AuthorizeUrl = Url(values, AuthorizeUrlSetting, defaults.AuthorizeUrl),
            ApiBaseUrl = Url(values, ApiBaseUrlSetting, defaults.ApiBaseUrl),
            TokenPath = Text(values, TokenPathSetting, defaults.TokenPath),
            RedirectUri = Url(values, RedirectUriSetting, defaults.RedirectUri),
            KeyLabel = Text(values, KeyLabelSetting, defaults.KeyLabel),
            ClientSecretStored = await new DatabaseVaultStore(_database).ReadCredentialAsync(ClientSecretCredentialId, cancellationToken).ConfigureAwait(false) is not null,
        };
    }

    /// <summary>Saves the client's settings (not the secret). A URL that is not absolute is refused naming the setting.</summary>
    public async Task<CoreResult<OkxFastConnectSettings>> SaveSettingsAsync(OkxFastConnectSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var (name, url) in new[] { ("AuthorizeUrl", settings.AuthorizeUrl), ("ApiBaseUrl", settings.ApiBaseUrl), ("RedirectUri", settings.RedirectUri) })
        {
            if (url is { IsAbsoluteUri: false })
            {
                return Errors.BadInput(
                    name,
                    Texts.Of("MustBeACompleteAddress", name),
                    Texts.Of("CopyTheAddressFromOKXs"));
            }
        }

        await _settings.SetAsync(
            new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [ClientIdSetting] = settings.ClientId?.Trim() ?? string.Empty,
                [AuthorizeUrlSetting] = settings.AuthorizeUrl?.OriginalString ?? string.Empty,
                [ApiBaseUrlSetting] = settings.ApiBaseUrl?.OriginalString ?? string.Empty,
                [TokenPathSetting] = settings.TokenPath?.Trim() ?? string.Empty,
                [RedirectUriSetting] = settings.RedirectUri?.OriginalString ?? string.Empty,
                [KeyLabelSetting] = settings.KeyLabel?.Trim() ?? string.Empty,
            },
            cancellationToken).ConfigureAwait(false);
        return await GetSettingsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores the client secret encrypted in the vault (audited), replacing any earlier one. The vault must be unlocked.</summary>
    public Task<CoreResult<bool>> StoreClientSecretAsync(string clientSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientSecret);
        return StoreClientSecretAsync(clientSecret.AsMemory(), cancellationToken);
    }

    /// <summary>As <see cref="StoreClientSecretAsync(string, CancellationToken)"/>, the secret kept in a buffer the caller zeroes.</summary>
    public async Task<CoreResult<bool>> StoreClientSecretAsync(ReadOnlyMemory<char> clientSecret, CancellationToken cancellationToken)
    {
        if (clientSecret.Span.Trim() is var trimmed && (trimmed.IsEmpty || trimmed.ContainsAny(" \t\r\n")))
        {
            return Errors.BadInput(
                "clientSecret",
                Texts.Of("TheClientSecretIsEmpty"),
                Texts.Of("CopyTheClientSecretAgain"));
        }

        return await new OwnSecrets(_database, _vault).StoreAsync(ClientSecretCredentialId, ExchangeId.Okx.ToName(), clientSecret, stored: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the stored client secret (audited); Fast connect is unavailable until another is stored.</summary>
    public Task<CoreResult<bool>> RemoveClientSecretAsync(CancellationToken cancellationToken) =>
        new OwnSecrets(_database, _vault).RemoveAsync(ClientSecretCredentialId, cancellationToken);

    /// <summary>Whether Fast connect can be offered; <paramref name="ownCallback"/> is the redirect URI when none is set.</summary>
    public async Task<FastConnectAvailability> CheckAsync(Uri ownCallback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownCallback);
        var settings = await GetSettingsAsync(cancellationToken).ConfigureAwait(false);
        return new FastConnectAvailability(OkxFastApiOptionsValidator.Check(settings.ToOptions(ownCallback), settings.ClientSecretStored));
    }

    /// <summary>
    /// Starts Fast connect for the browser session <paramref name="owner"/>: checks the label and the settings, keeps a
    /// fresh OAuth state for that session (a later start replaces it) and returns OKX's consent page to send it to.
    /// </summary>
    public async Task<CoreResult<Uri>> BeginAsync(string owner, string label, Uri ownCallback, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(ownCallback);
        label = ConnectionLabel.Normalize(label);
        if (ConnectionLabel.Problem(label) is { } invalid)
        {
            return invalid;
        }

        var unlocked = await _vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false);
        if (!unlocked.IsSuccess)
        {
            return unlocked.Error;
        }

        if (await _connections.GetAsync(label, vaultLockApplies: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            return Errors.DuplicateLabel(label);
        }

        var settings = await GetSettingsAsync(cancellationToken).ConfigureAwait(false);
        var options = settings.ToOptions(ownCallback);
        if (OkxFastApiOptionsValidator.Check(options, settings.ClientSecretStored) is [var problem, ..])
        {
            return Unavailable(problem);
        }

        var authorization = _connectors.CreateOkxFastApiClient(options).BeginAuthorization();
        var now = _time.GetUtcNow();
        foreach (var (key, flow) in _flows)
        {
            if (now - flow.StartedAt > FlowLifetime)
            {
                _flows.TryRemove(key, out _);
            }
        }

        _flows[owner] = new PendingFlow(authorization.State, label, options.RedirectUri!, now);
        return authorization.AuthorizeUrl;
    }

    /// <summary>
    /// Finishes the flow <paramref name="owner"/> started, from the query OKX sent the browser back with: the state is
    /// checked first (a flow is used once), then the code is exchanged, a read-only key created and the connection added
    /// and verified. A key the exchange then refuses is kept with its refusal as its status, since OKX creates only one
    /// Fast API key per account and app.
    /// </summary>
    public async Task<CoreResult<ConnectionView>> CompleteAsync(string owner, string callbackQuery, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(callbackQuery);
        if (!_flows.TryRemove(owner, out var flow) || _time.GetUtcNow() - flow.StartedAt > FlowLifetime)
        {
            return Errors.BadInput(
                "state",
                Texts.Of("NoFastConnectWasStarted"),
                Texts.Of("StartFastConnectAgainFrom"));
        }

        var settings = await GetSettingsAsync(cancellationToken).ConfigureAwait(false);
        var options = settings.ToOptions(flow.RedirectUri);
        options.RedirectUri = flow.RedirectUri;
        if (OkxFastApiOptionsValidator.Check(options, settings.ClientSecretStored) is [var problem, ..])
        {
            return Unavailable(problem);
        }

        var client = _connectors.CreateOkxFastApiClient(options);
        var callback = client.ReadCallback(callbackQuery, flow.State);
        if (!callback.IsSuccess)
        {
            return Errors.Verification(callback.Diagnosis);
        }

        using var code = callback.Value;
        var secret = await OpenClientSecretAsync(cancellationToken).ConfigureAwait(false);
        if (!secret.IsSuccess)
        {
            return secret.Error;
        }

        ExchangeResult<OkxFastApiTokens> tokens;
        using (var clientSecret = secret.Value)
        {
            var exchanged = await AuditedAsync(
                "okx POST " + options.TokenPath,
                null,
                () => client.ExchangeCodeAsync(code, clientSecret, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            if (!exchanged.IsSuccess)
            {
                return exchanged.Error;
            }

            tokens = exchanged.Value;
        }

        if (!tokens.IsSuccess)
        {
            return Errors.Verification(tokens.Diagnosis);
        }

        ExchangeResult<ExchangeCredentials> created;
        using (var granted = tokens.Value)
        {
            var requested = await AuditedAsync(
                "okx POST " + CreateKeyPath,
                key => key,
                () => client.CreateReadOnlyKeyAsync(granted, null, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            if (!requested.IsSuccess)
            {
                return requested.Error;
            }

            created = requested.Value;
        }

        if (!created.IsSuccess)
        {
            return Errors.Verification(created.Diagnosis);
        }

        using var exchangeCredentials = created.Value;
        using var credentials = exchangeCredentials.Reveal((apiKey, keySecret, passphrase) => new KeyCredentials(apiKey, keySecret, passphrase));
        return await _add.AddAsync(
            new AddConnectionRequest(ExchangeId.Okx, flow.Label, credentials) { Region = RegionOf(options.ApiBaseUrl), KeepWhenRefused = true },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The client secret from the vault, for one token request; the caller disposes it.</summary>
    private async Task<CoreResult<OkxFastApiClientSecret>> OpenClientSecretAsync(CancellationToken cancellationToken)
    {
        var unlocked = await _vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false);
        if (!unlocked.IsSuccess)
        {
            return unlocked.Error;
        }

        try
        {
            using var decrypted = await unlocked.Value.OpenCredentialAsync(ClientSecretCredentialId, cancellationToken).ConfigureAwait(false);
            var chars = GC.AllocateArray<char>(Encoding.UTF8.GetCharCount(decrypted.Payload), pinned: true);
            try
            {
                Encoding.UTF8.GetChars(decrypted.Payload, chars);
                return new OkxFastApiClientSecret(chars);
            }
            finally
            {
                Array.Clear(chars);
            }
        }
        catch (Exception exception) when (VaultAccess.Translate(exception) is { } error)
        {
            return error;
        }
    }

    /// <summary>
    /// One Fast API call, recorded in the audit log like the connectors' calls: not made while the log refuses entries,
    /// and its answer withheld when its entry cannot be written. <paramref name="apiKeyOf"/> names the key a successful
    /// call created, so the entry carries its fingerprint.
    /// </summary>
    private async Task<CoreResult<ExchangeResult<T>>> AuditedAsync<T>(
        string endpoint,
        Func<T, ExchangeCredentials>? apiKeyOf,
        Func<Task<ExchangeResult<T>>> call,
        CancellationToken cancellationToken)
    {
        try
        {
            var log = await _audit.GetLogAsync(cancellationToken).ConfigureAwait(false);
            if (log.BlockedBy is { } blocked)
            {
                return Errors.AuditFailed(blocked.Summary);
            }
        }
        catch (AuditLogException exception)
        {
            return Errors.AuditFailed(exception.Message);
        }

        var started = _time.GetTimestamp();
        var result = await call().ConfigureAwait(false);
        var elapsed = _time.GetElapsedTime(started);
        var outcome = result.IsSuccess
            ? "ok"
            : string.Create(CultureInfo.InvariantCulture, $"{result.Diagnosis.Category}{(result.Diagnosis.HttpStatus is { } status ? $" (HTTP {status})" : string.Empty)}");
        try
        {
            var fingerprint = result.IsSuccess && apiKeyOf is not null ? await _audit.FingerprintAsync(apiKeyOf(result.Value).ApiKey, cancellationToken).ConfigureAwait(false) : null;
            await _audit.AppendAsync(
                new AuditEvent(AuditActor.Current, AuditAction.ExchangeCall) { Endpoint = endpoint, Outcome = outcome, Duration = elapsed, KeyFingerprint = fingerprint },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AuditLogException exception)
        {
            if (result.Value is IDisposable disposable)
            {
                disposable.Dispose();
            }

            return Errors.AuditFailed(exception.Message);
        }

        return result;
    }

    private static CoreError Unavailable(OkxFastApiSettingProblem problem) => Errors.BadInput(
        problem.Setting,
        problem.Message,
        Texts.Of("OpenSettingsOKXFastAPI"));

    /// <summary>The OKX region whose site <paramref name="apiBaseUrl"/> is; null (the default region) for any other host.</summary>
    private static string? RegionOf(Uri? apiBaseUrl) =>
        ExchangeCatalog.Get(ExchangeId.Okx).Hosts
            .FirstOrDefault(host => apiBaseUrl is not null && string.Equals(host.BaseUrl.Host, apiBaseUrl.Host, StringComparison.OrdinalIgnoreCase))?.Region is { } region
            && region != ExchangeCatalog.Get(ExchangeId.Okx).DefaultRegion
                ? region
                : null;

    private static string? Text(IReadOnlyDictionary<string, string> values, string name, string? fallback) =>
        values.TryGetValue(name, out var value) ? (value.Length == 0 ? null : value) : fallback;

    private static Uri? Url(IReadOnlyDictionary<string, string> values, string name, Uri? fallback) =>
        values.TryGetValue(name, out var value)
            ? (Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out var url) && value.Length > 0 ? url : null)
            : fallback;

    /// <summary>A started flow: the OAuth state it expects back (a secret of the session), the label, and the redirect URI
    /// the code will be exchanged with.</summary>
    private sealed class PendingFlow(string state, string label, Uri redirectUri, DateTimeOffset startedAt)
    {
        public string State { get; } = state;

        public string Label { get; } = label;

        public Uri RedirectUri { get; } = redirectUri;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public override string ToString() => $"PendingFlow {{ Label = {Label}, State = *** }}";
    }
}
