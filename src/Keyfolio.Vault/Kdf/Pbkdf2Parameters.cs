using System.Globalization;

namespace Keyfolio.Vault.Kdf;

/// <summary>
/// PBKDF2-HMAC-SHA256 work factor. The floor follows OWASP's password storage guidance and ASVS 5.0;
/// a vault header or export below it is refused.
/// </summary>
public sealed record Pbkdf2Parameters(int Iterations)
{
    /// <summary>No vault or export is ever opened with fewer iterations than this.</summary>
    public const int MinimumIterations = 600_000;

    /// <summary>New vaults use this many iterations (about 0.2 s on a small machine).</summary>
    public const int DefaultIterations = 1_000_000;

    /// <summary>Above this a header is treated as corrupt rather than as a very strong setting.</summary>
    public const int MaximumIterations = 100_000_000;

    /// <summary>Every derivation uses a fresh random salt of this many bytes.</summary>
    public const int SaltSize = 32;

    public static Pbkdf2Parameters Default { get; } = new(DefaultIterations);

    /// <summary>Whether these parameters meet the floor and are plausible.</summary>
    public bool IsAcceptable => Iterations is >= MinimumIterations and <= MaximumIterations;

    /// <summary>Refuses parameters below the floor or implausibly high, naming which.</summary>
    /// <param name="what">What the parameters protect, for the message ("vault", "export file").</param>
    public void EnsureAcceptable(string what)
    {
        if (Iterations < MinimumIterations)
        {
            throw new VaultException(
                VaultErrorKind.KdfBelowFloor,
                $"The {what} uses {Iterations.ToString(CultureInfo.InvariantCulture)} PBKDF2 iterations, below Keyfolio's floor of {MinimumIterations.ToString("N0", CultureInfo.InvariantCulture)}; it is refused because it could be guessed too quickly.");
        }

        if (Iterations > MaximumIterations)
        {
            throw new VaultException(
                VaultErrorKind.Corrupted,
                $"The {what} header asks for an implausible number of PBKDF2 iterations; it is damaged.");
        }
    }
}
