namespace Keyfolio.Core.Settings;

/// <summary>How often connections refresh by default, and when the vault locks itself.</summary>
public sealed record Preferences(TimeSpan DefaultSyncInterval, TimeSpan AutoLockIdle, TimeSpan AutoLockAbsolute)
{
    public static readonly TimeSpan MinSyncInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxSyncInterval = TimeSpan.FromDays(1);
    public static readonly TimeSpan MinAutoLockIdle = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxAutoLockIdle = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxAutoLockAbsolute = TimeSpan.FromDays(7);
}
