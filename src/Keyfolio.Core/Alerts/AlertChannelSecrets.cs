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
    private const int MaxLength = 512;

    private static readonly Dictionary<string, string> CredentialIds = new(StringComparer.Ordinal)
    {
        [WebhookChannel.ChannelName] = "alert-webhook-secret",
        [EmailChannel.ChannelName] = "alert-smtp-password",
    };

    private readonly KeyfolioDatabase _database;
    private readonly VaultAccess _vault;
    private readonly AlertSecrets _secrets;

    internal AlertChannelSecrets(KeyfolioDatabase database, VaultAccess vault, AlertSecrets secrets)
    {
        _database = database;
        _vault = vault;
        _secrets = secrets;
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

        if (await new SqliteVaultStore(_database).ReadCredentialAsync(id, cancellationToken).ConfigureAwait(false) is null)
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
    public async Task<CoreResult<bool>> StoreAsync(string channel, string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var id = IdOf(channel);
        if (secret.AsSpan().Trim() is var trimmed && (trimmed.IsEmpty || trimmed.Length > MaxLength || trimmed.ContainsAny(" \t\r\n")))
        {
            return Errors.BadInput(
                "secret",
                new($"The secret is empty, longer than {MaxLength} characters, or contains spaces or line breaks.", $"密钥为空、超过 {MaxLength} 个字符，或含有空格或换行。"),
                new("Paste the secret again exactly as the receiver or the mail provider gave it.", "请按接收方或邮件服务商提供的内容重新准确粘贴。"));
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
    /// Before a delivery round: reads the vault's secrets into use while it is unlocked and forgets them while it is
    /// locked. Returns the channels that must wait, their secret being in a locked vault.
    /// </summary>
    internal async Task<IReadOnlySet<string>> PrepareAsync(CancellationToken cancellationToken)
    {
        var waiting = new HashSet<string>(StringComparer.Ordinal);
        var store = new SqliteVaultStore(_database);
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

    private static string IdOf(string channel) =>
        CredentialIds.TryGetValue(channel, out var id) ? id : throw new ArgumentOutOfRangeException(nameof(channel), channel, "Only the webhook and e-mail channels have secrets.");
}
