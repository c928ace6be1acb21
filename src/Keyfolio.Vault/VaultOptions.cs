using Keyfolio.Vault.Kdf;

namespace Keyfolio.Vault;

/// <summary>Tunables of the vault. Never holds a secret. <see cref="Validate"/> before use.</summary>
public sealed class VaultOptions
{
    /// <summary>Lock after this long without activity (<see cref="Timeout.InfiniteTimeSpan"/> for never).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lock this long after unlocking, active or not (<see cref="Timeout.InfiniteTimeSpan"/> for never).</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Argon2id parameters for new vaults, password changes and exports, and the strength an existing vault is
    /// upgraded to on its next unlock; never below <see cref="KdfParameters.Floor"/>.
    /// </summary>
    public KdfParameters Kdf { get; set; } = KdfParameters.Default;

    /// <summary>Delay after the first wrong password in a row; it doubles with each further one.</summary>
    public TimeSpan UnlockBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between password attempts.</summary>
    public TimeSpan MaxUnlockBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that is out of range and how to fix it.</summary>
    public void Validate()
    {
        RequireTimeout(IdleTimeout, nameof(IdleTimeout));
        RequireTimeout(AbsoluteTimeout, nameof(AbsoluteTimeout));
        if (Kdf is null || Kdf.Algorithm != KdfAlgorithm.Argon2id || !Kdf.IsAcceptable)
        {
            throw new ArgumentException(
                $"{nameof(Kdf)} must be Argon2id with one lane, at least {KdfParameters.Argon2idMinimumMemoryKiB} KiB and {KdfParameters.Argon2idMinimumIterations} passes, at most {KdfParameters.Argon2idMaximumMemoryKiB} KiB and {KdfParameters.Argon2idMaximumIterations} passes.",
                nameof(Kdf));
        }

        if (UnlockBackoff <= TimeSpan.Zero || MaxUnlockBackoff < UnlockBackoff)
        {
            throw new ArgumentException(
                $"{nameof(UnlockBackoff)} must be positive and {nameof(MaxUnlockBackoff)} at least as long.",
                nameof(UnlockBackoff));
        }
    }

    internal static void RequireTimeout(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{name} must be positive, or Timeout.InfiniteTimeSpan to turn it off.", name);
        }
    }
}
