using Keyfolio.Vault.Kdf;

namespace Keyfolio.Vault;

/// <summary>Tunables of the vault. Never holds a secret. <see cref="Validate"/> before use.</summary>
public sealed class VaultOptions
{
    /// <summary>Lock after this long without activity (<see cref="Timeout.InfiniteTimeSpan"/> for never).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lock this long after unlocking, active or not (<see cref="Timeout.InfiniteTimeSpan"/> for never).</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>PBKDF2 iterations for new vaults, password changes and exports; never below the floor.</summary>
    public int KdfIterations { get; set; } = Pbkdf2Parameters.DefaultIterations;

    /// <summary>Delay after the first wrong password in a row; it doubles with each further one.</summary>
    public TimeSpan UnlockBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between password attempts.</summary>
    public TimeSpan MaxUnlockBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that is out of range and how to fix it.</summary>
    public void Validate()
    {
        RequireTimeout(IdleTimeout, nameof(IdleTimeout));
        RequireTimeout(AbsoluteTimeout, nameof(AbsoluteTimeout));
        if (!new Pbkdf2Parameters(KdfIterations).IsAcceptable)
        {
            throw new ArgumentException(
                $"{nameof(KdfIterations)} must be between {Pbkdf2Parameters.MinimumIterations} and {Pbkdf2Parameters.MaximumIterations}.",
                nameof(KdfIterations));
        }

        if (UnlockBackoff <= TimeSpan.Zero || MaxUnlockBackoff < UnlockBackoff)
        {
            throw new ArgumentException(
                $"{nameof(UnlockBackoff)} must be positive and {nameof(MaxUnlockBackoff)} at least as long.",
                nameof(UnlockBackoff));
        }
    }

    private static void RequireTimeout(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{name} must be positive, or Timeout.InfiniteTimeSpan to turn it off.", name);
        }
    }
}
