using System.Globalization;
using Keyfolio.Core.Access;

namespace Keyfolio.Core.Settings;

/// <summary>
/// Reads and changes the <see cref="Preferences"/>. Both apply at once: the default sync interval to the next syncs,
/// the auto-lock times to the vault, the unlock in progress included. <see cref="ApplyStoredAsync"/> puts them in
/// force at start.
/// </summary>
public sealed class PreferencesService(SettingsStore settings, KeyfolioCoreOptions options, VaultAccess vault)
{
    public const string DefaultSyncIntervalSetting = "sync.default_interval_seconds";
    public const string AutoLockIdleSetting = "vault.auto_lock_idle_seconds";
    public const string AutoLockAbsoluteSetting = "vault.auto_lock_absolute_seconds";

    /// <summary>The preferences in force: stored values, else the options Keyfolio started with.</summary>
    public async Task<Preferences> GetAsync(CancellationToken cancellationToken)
    {
        var values = await settings.GetAllAsync(cancellationToken).ConfigureAwait(false);
        return new Preferences(
            Seconds(values, DefaultSyncIntervalSetting) ?? options.DefaultSyncInterval,
            Seconds(values, AutoLockIdleSetting) ?? options.Vault.IdleTimeout,
            Seconds(values, AutoLockAbsoluteSetting) ?? options.Vault.AbsoluteTimeout);
    }

    /// <summary>Validates and stores the preferences, which take effect at once.</summary>
    public async Task<CoreResult<Preferences>> SaveAsync(Preferences preferences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        if (preferences.DefaultSyncInterval < Preferences.MinSyncInterval || preferences.DefaultSyncInterval > Preferences.MaxSyncInterval)
        {
            return Errors.BadInput(
                "defaultSyncInterval",
                Texts.Of("TheRefreshIntervalMustBe"),
                Texts.Of("ChooseForExample5Minutes"));
        }

        if (preferences.AutoLockIdle < Preferences.MinAutoLockIdle || preferences.AutoLockIdle > Preferences.MaxAutoLockIdle)
        {
            return Errors.BadInput(
                "autoLockIdle",
                Texts.Of("LockingAfterInactivityMustHappen"),
                Texts.Of("ChooseForExample15Minutes"));
        }

        if (preferences.AutoLockAbsolute < preferences.AutoLockIdle || preferences.AutoLockAbsolute > Preferences.MaxAutoLockAbsolute)
        {
            return Errors.BadInput(
                "autoLockAbsolute",
                Texts.Of("TheLongestTimeUnlockedMust"),
                Texts.Of("ChooseForExample12Hours"));
        }

        await settings.SetAsync(
            new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [DefaultSyncIntervalSetting] = Format(preferences.DefaultSyncInterval),
                [AutoLockIdleSetting] = Format(preferences.AutoLockIdle),
                [AutoLockAbsoluteSetting] = Format(preferences.AutoLockAbsolute),
            },
            cancellationToken).ConfigureAwait(false);
        options.DefaultSyncInterval = preferences.DefaultSyncInterval;
        await vault.ChangeAutoLockAsync(preferences.AutoLockIdle, preferences.AutoLockAbsolute, cancellationToken).ConfigureAwait(false);
        return preferences;
    }

    /// <summary>Puts the stored preferences into the options. Call at start, before the vault is first used.</summary>
    public async Task ApplyStoredAsync(CancellationToken cancellationToken)
    {
        var stored = await GetAsync(cancellationToken).ConfigureAwait(false);
        options.DefaultSyncInterval = stored.DefaultSyncInterval;
        await vault.ChangeAutoLockAsync(stored.AutoLockIdle, stored.AutoLockAbsolute, cancellationToken).ConfigureAwait(false);
    }

    private static string Format(TimeSpan value) => ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static TimeSpan? Seconds(IReadOnlyDictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
