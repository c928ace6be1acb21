using Keyfolio.Core.Access;
using Keyfolio.Core.Storage;
using Keyfolio.Vault;

namespace Keyfolio.Core.Alerts;

/// <summary>What a channel's secret is and whether it can be used now.</summary>
public enum ChannelSecretState
{
    /// <summary>No secret: the webhook's bodies go unsigned, the mail server is used without a password.</summary>
    None,

    /// <summary>Given by configuration; used whether the vault is locked or not.</summary>
    Environment,

    /// <summary>Stored in the vault, which is unlocked: in use.</summary>
    Vault,

    /// <summary>Stored in the vault, which is locked: the channel's alerts wait until it is unlocked.</summary>
    VaultLocked,

    /// <summary>Set on Settings and kept in the settings table (the mail server, which holds nothing secret).</summary>
    Settings,
}

/// <summary>
/// The channels' secrets kept in the vault like an exchange secret (the webhook's signing secret, the mail server's
/// password): stored and removed while the vault is unlocked (audited as credentials), read into
/// <see cref="AlertSecrets"/> while it stays unlocked, and forgotten the moment it locks. A secret given by
/// configuration wins and needs no vault. A channel whose secret is in a locked vault waits, so nothing is sent unsigned
/// or unauthenticated in its name; the other channels keep sending.
/// </summary>
public sealed class AlertChannelSecrets
{
    /// <summary>The channel names, as <see cref="AlertDispatcher.ChannelsOn"/> and the rules say them.</summary>
    public const string Webhook = WebhookChannel.ChannelName;

    public const string Email = EmailChannel.ChannelName;

    private const string Realm = "alerts";
    private const string WebhookUrlId = "alert-webhook-url";
    private const string WebhookPresetSetting = "alerts.webhook_preset";
    private const string EmailSetting = "alerts.smtp";
    private const int MaxLength = 512;

    private static readonly Dictionary<string, string> CredentialIds = new(StringComparer.Ordinal)
    {
        [WebhookChannel.ChannelName] = "alert-webhook-secret",
        [EmailChannel.ChannelName] = "alert-smtp-password",
    };

    private readonly KeyfolioDatabase _database;
    private readonly VaultAccess _vault;
    private readonly AlertSecrets _secrets;
    private readonly Settings.SettingsStore _settings;
    private readonly AlertOptions _options;

    internal AlertChannelSecrets(KeyfolioDatabase database, VaultAccess vault, AlertSecrets secrets, Settings.SettingsStore settings, AlertOptions options)
    {
        _database = database;
        _vault = vault;
        _secrets = secrets;
        _settings = settings;
        _options = options;
        vault.StateChanged += (_, args) =>
        {
            if (args.State == VaultState.Locked)
            {
                secrets.ForgetVaultSecrets();
            }
        };
    }

    /// <summary>The channels whose secret can be kept in the vault.</summary>
    public static IReadOnlyCollection<string> Channels => CredentialIds.Keys;

    /// <summary>Where the channel's secret comes from and whether it can be used now.</summary>
    public async Task<ChannelSecretState> StateAsync(string channel, CancellationToken cancellationToken)
    {
        var id = IdOf(channel);
        if (_secrets.SourceOf(channel) == ChannelSecretSource.Environment)
        {
            return ChannelSecretState.Environment;
        }

        if (await new DatabaseVaultStore(_database).ReadCredentialAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return ChannelSecretState.None;
        }

        return _vault.IsUnlocked ? ChannelSecretState.Vault : ChannelSecretState.VaultLocked;
    }

    /// <summary>
    /// Encrypts the secret into the vault (audited as a credential added or replaced), replacing an earlier one, and uses
    /// it from the next delivery. The vault must be unlocked. Refuses an empty secret, one with spaces or line breaks,
    /// and one longer than 512 characters, naming the field.
    /// </summary>
    public Task<CoreResult<bool>> StoreAsync(string channel, string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return StoreAsync(channel, secret.AsMemory(), cancellationToken);
    }

    /// <summary>As <see cref="StoreAsync(string, string, CancellationToken)"/>, the secret kept in a buffer the caller zeroes.</summary>
    public async Task<CoreResult<bool>> StoreAsync(string channel, ReadOnlyMemory<char> secret, CancellationToken cancellationToken)
    {
        var id = IdOf(channel);
        if (secret.Span.Trim() is var trimmed && (trimmed.IsEmpty || trimmed.Length > MaxLength || trimmed.ContainsAny(" \t\r\n")))
        {
            return Errors.BadInput(
                "secret",
                Texts.Of("TheSecretIsEmptyLonger", MaxLength),
                Texts.Of("PasteTheSecretAgainExactly"));
        }

        return await new OwnSecrets(_database, _vault).StoreAsync(id, Realm, secret, bytes => _secrets.UseFromVault(channel, bytes), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the channel's secret from the vault (audited) and stops using it; the vault must be unlocked.</summary>
    public async Task<CoreResult<bool>> RemoveAsync(string channel, CancellationToken cancellationToken)
    {
        var removed = await new OwnSecrets(_database, _vault).RemoveAsync(IdOf(channel), cancellationToken).ConfigureAwait(false);
        if (removed.IsSuccess)
        {
            _secrets.ForgetVaultSecrets(channel);
        }

        return removed;
    }

    /// <summary>
    /// Where the webhook comes from: the configuration (which wins), the vault (its address kept there, for Slack's and
    /// Discord's carry a token), or nowhere; with the preset and the address's scheme and host only.
    /// </summary>
    public async Task<StoredWebhook> WebhookAsync(CancellationToken cancellationToken)
    {
        if (_options.Webhook.Url is { } configured)
        {
            return new StoredWebhook(ChannelSecretState.Environment, configured.Scheme + "://" + configured.Authority, _options.Webhook.Preset);
        }

        if (await new DatabaseVaultStore(_database).ReadCredentialAsync(WebhookUrlId, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return new StoredWebhook(ChannelSecretState.None, null, WebhookPreset.Json);
        }

        var preset = await PresetAsync(cancellationToken).ConfigureAwait(false);
        return await TryUseWebhookAsync(stored, cancellationToken).ConfigureAwait(false) && _secrets.VaultWebhook?.Url is { } url
            ? new StoredWebhook(ChannelSecretState.Vault, url.Scheme + "://" + url.Authority, preset)
            : new StoredWebhook(ChannelSecretState.VaultLocked, null, preset);
    }

    /// <summary>
    /// Keeps the webhook's address in the vault (audited as a credential) and its preset in the settings, and posts to it
    /// from the next delivery; an empty address keeps the stored one and changes the preset only. Refused while the
    /// configuration sets a webhook, and for an address that is not an absolute http or https URL without a user name.
    /// </summary>
    public async Task<CoreResult<bool>> SaveWebhookAsync(string? url, WebhookPreset preset, CancellationToken cancellationToken)
    {
        if (_options.Webhook.Url is not null)
        {
            return Errors.BadInput(
                "url",
                Texts.Of("TheWebhookIsSetBy"),
                Texts.Of("ChangeOrUnsetKEYFOLIOALERTS"));
        }

        var stored = await new OwnSecrets(_database, _vault).ExistsAsync(WebhookUrlId, cancellationToken).ConfigureAwait(false);
        var text = url?.Trim() ?? string.Empty;
        if (text.Length == 0 && !stored)
        {
            return BadUrl(Texts.Of("GiveTheReceiversAddress"));
        }

        if (text.Length > 0 && (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || parsed.UserInfo.Length > 0 || text.Length > 2048))
        {
            return BadUrl(Texts.Of("TheAddressIsNotAn"));
        }

        if (text.Length > 0)
        {
            var saved = await new OwnSecrets(_database, _vault).StoreAsync(WebhookUrlId, Realm, text.AsMemory(), stored: null, cancellationToken).ConfigureAwait(false);
            if (!saved.IsSuccess)
            {
                return saved;
            }
        }
        else if (!_vault.IsUnlocked)
        {
            return Errors.VaultLocked();
        }

        await _settings.SetAsync(WebhookPresetSetting, preset.ToString().ToLowerInvariant(), cancellationToken).ConfigureAwait(false);
        _secrets.ForgetVaultWebhook();
        await PrepareAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The mail server in use and where it comes from: the configuration (which wins), Settings, or nowhere.</summary>
    public async Task<(ChannelSecretState Source, EmailOptions? Email)> EmailAsync(CancellationToken cancellationToken)
    {
        if (_options.Email.IsOn)
        {
            return (ChannelSecretState.Environment, _options.Email);
        }

        var stored = await StoredEmailAsync(cancellationToken).ConfigureAwait(false);
        _secrets.StoredEmail = stored;
        return stored is null ? (ChannelSecretState.None, null) : (ChannelSecretState.Settings, stored);
    }

    /// <summary>
    /// Keeps the mail server's settings (none of them secret; the password is kept apart, see <see cref="StoreAsync(string, ReadOnlyMemory{char}, CancellationToken)"/>)
    /// and mails through it from the next delivery. Checked as the configuration's are; a refusal names the field.
    /// Refused while the configuration sets a mail server.
    /// </summary>
    public async Task<CoreResult<bool>> SaveEmailAsync(EmailOptions email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (_options.Email.IsOn)
        {
            return Errors.BadInput(
                "host",
                Texts.Of("TheMailServerIsSet"),
                Texts.Of("ChangeOrUnsetTheKEYFOLIO"));
        }

        try
        {
            if (email.Host is null)
            {
                throw new ArgumentException("The mail server must be a host name or an IP address.", nameof(EmailOptions.Host));
            }

            email.Validate();
        }
        catch (ArgumentException exception)
        {
            var message = exception.Message[..(exception.Message.IndexOf(" (Parameter", StringComparison.Ordinal) is var cut and >= 0 ? cut : exception.Message.Length)];
            var (field, text) = exception.ParamName switch
            {
                nameof(EmailOptions.Host) => ("host", Texts.Of("EmailHostRejected", message)),
                nameof(EmailOptions.Port) => ("port", Texts.Of("EmailPortRejected", message)),
                nameof(EmailOptions.Security) => ("security", Texts.Of("EmailSecurityRejected", message)),
                nameof(EmailOptions.From) => ("from", Texts.Of("EmailFromRejected", message)),
                nameof(EmailOptions.To) => ("to", Texts.Of("EmailToRejected", message)),
                _ => ("certificateSha256", Texts.Of("EmailCertificateRejected", message)),
            };
            return Errors.BadInput(field, text, Texts.Of("CorrectThisFieldTheOthers"));
        }

        var json = System.Text.Json.JsonSerializer.Serialize(new StoredEmailSettings(email.Host, email.Port, email.Security, email.UserName, email.From!, [.. email.To], email.CertificateSha256));
        await _settings.SetAsync(EmailSetting, json, cancellationToken).ConfigureAwait(false);
        _secrets.StoredEmail = await StoredEmailAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Forgets the mail server set on Settings (its password in the vault stays until removed).</summary>
    public async Task RemoveEmailAsync(CancellationToken cancellationToken)
    {
        await _settings.SetAsync(EmailSetting, null, cancellationToken).ConfigureAwait(false);
        _secrets.StoredEmail = null;
    }

    private async Task<EmailOptions?> StoredEmailAsync(CancellationToken cancellationToken)
    {
        if (await _settings.GetAsync(EmailSetting, cancellationToken).ConfigureAwait(false) is not { } json)
        {
            return null;
        }

        try
        {
            var stored = System.Text.Json.JsonSerializer.Deserialize<StoredEmailSettings>(json);
            if (stored is null)
            {
                return null;
            }

            var email = new EmailOptions { Host = stored.Host, Port = stored.Port, Security = stored.Security, UserName = stored.UserName, From = stored.From, CertificateSha256 = stored.CertificateSha256 };
            foreach (var to in stored.To)
            {
                email.To.Add(to);
            }

            email.Validate();
            return email;
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Deletes the webhook kept in the vault (audited); the configured one, if any, is not touched.</summary>
    public async Task<CoreResult<bool>> RemoveWebhookAsync(CancellationToken cancellationToken)
    {
        var removed = await new OwnSecrets(_database, _vault).RemoveAsync(WebhookUrlId, cancellationToken).ConfigureAwait(false);
        if (removed.IsSuccess)
        {
            await _settings.SetAsync(WebhookPresetSetting, null, cancellationToken).ConfigureAwait(false);
            _secrets.ForgetVaultWebhook();
        }

        return removed;
    }

    /// <summary>
    /// Before a delivery round (and before Settings shows the channels): reads the vault's secrets and webhook into use
    /// while it is unlocked and forgets them while it is locked. Returns the channels that must wait, their secret or
    /// address being in a locked vault.
    /// </summary>
    public async Task<IReadOnlySet<string>> PrepareAsync(CancellationToken cancellationToken)
    {
        var waiting = new HashSet<string>(StringComparer.Ordinal);
        var store = new DatabaseVaultStore(_database);
        _secrets.StoredEmail = _options.Email.IsOn ? null : await StoredEmailAsync(cancellationToken).ConfigureAwait(false);
        if (_options.Webhook.Url is null && await store.ReadCredentialAsync(WebhookUrlId, cancellationToken).ConfigureAwait(false) is { } webhook)
        {
            if (!await TryUseWebhookAsync(webhook, cancellationToken).ConfigureAwait(false))
            {
                waiting.Add(Webhook);
            }
        }
        else
        {
            _secrets.ForgetVaultWebhook();
        }

        foreach (var (channel, id) in CredentialIds)
        {
            if (_secrets.SourceOf(channel) == ChannelSecretSource.Environment)
            {
                continue;
            }

            if (await store.ReadCredentialAsync(id, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                _secrets.ForgetVaultSecrets(channel);
                continue;
            }

            var unlocked = _vault.IsUnlocked ? await _vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false) : null;
            if (unlocked is not { IsSuccess: true })
            {
                _secrets.ForgetVaultSecrets(channel);
                waiting.Add(channel);
                continue;
            }

            try
            {
                using var decrypted = unlocked.Value.Decrypt(stored);
                _secrets.UseFromVault(channel, decrypted.Payload);
            }
            catch (VaultException)
            {
                // Locked meanwhile, or the stored secret was altered: the channel waits rather than send without it.
                _secrets.ForgetVaultSecrets(channel);
                waiting.Add(channel);
            }
        }

        return waiting;
    }

    private async Task<bool> TryUseWebhookAsync(Vault.Credentials.StoredCredential stored, CancellationToken cancellationToken)
    {
        var unlocked = _vault.IsUnlocked ? await _vault.RequireUnlockedAsync(cancellationToken).ConfigureAwait(false) : null;
        if (unlocked is not { IsSuccess: true })
        {
            _secrets.ForgetVaultWebhook();
            return false;
        }

        try
        {
            using var decrypted = unlocked.Value.Decrypt(stored);
            _secrets.UseWebhookFromVault(new Uri(System.Text.Encoding.UTF8.GetString(decrypted.Payload)), await PresetAsync(cancellationToken).ConfigureAwait(false));
            return true;
        }
        catch (Exception exception) when (exception is VaultException or UriFormatException)
        {
            _secrets.ForgetVaultWebhook();
            return false;
        }
    }

    private async Task<WebhookPreset> PresetAsync(CancellationToken cancellationToken) =>
        Enum.TryParse<WebhookPreset>(await _settings.GetAsync(WebhookPresetSetting, cancellationToken).ConfigureAwait(false), ignoreCase: true, out var preset) && Enum.IsDefined(preset) ? preset : WebhookPreset.Json;

    private static CoreError BadUrl(Keyfolio.Exchanges.LocalizedText message) => Errors.BadInput(
        "url",
        message,
        Texts.Of("CopyTheReceiversAddressFor"));

    private static string IdOf(string channel) =>
        CredentialIds.TryGetValue(channel, out var id) ? id : throw new ArgumentOutOfRangeException(nameof(channel), channel, "Only the webhook and e-mail channels have secrets.");
}

/// <summary>The webhook as Settings shows it: where it comes from, its scheme and host only, and its preset.</summary>
public sealed record StoredWebhook(ChannelSecretState Source, string? Host, WebhookPreset Preset);

/// <summary>The mail server as the settings table keeps it (<c>alerts.smtp</c>, JSON): nothing secret.</summary>
internal sealed record StoredEmailSettings(string Host, int? Port, SmtpSecurity Security, string? UserName, string From, IReadOnlyList<string> To, string? CertificateSha256);
