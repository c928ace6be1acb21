using System.Globalization;

namespace Keyfolio.Vault.Kdf;

/// <summary>
/// A password key derivation and its work factor. Argon2id for everything new; PBKDF2-HMAC-SHA256 only to open what
/// earlier versions wrote. The floors follow OWASP's password storage guidance: below them a header or an export is
/// refused as too quick to guess; far above the plausible maximum it is treated as damaged, not as a strong setting.
/// </summary>
/// <param name="Algorithm">Which function.</param>
/// <param name="Iterations">PBKDF2 iterations, or Argon2id passes (t).</param>
/// <param name="MemoryKiB">Argon2id memory (m) in KiB; 0 for PBKDF2.</param>
/// <param name="Parallelism">Argon2id lanes (p); 1 for PBKDF2.</param>
public sealed record KdfParameters(KdfAlgorithm Algorithm, int Iterations, int MemoryKiB, int Parallelism)
{
    /// <summary>No vault or export is ever opened with fewer PBKDF2 iterations than this.</summary>
    public const int Pbkdf2MinimumIterations = 600_000;

    /// <summary>Above this many PBKDF2 iterations a header is damaged.</summary>
    public const int Pbkdf2MaximumIterations = 100_000_000;

    /// <summary>OWASP's lowest recommended Argon2id memory (19 MiB, with 2 passes); nothing weaker is opened.</summary>
    public const int Argon2idMinimumMemoryKiB = 19 * 1024;

    /// <summary>The fewest Argon2id passes accepted.</summary>
    public const int Argon2idMinimumIterations = 2;

    /// <summary>More memory than this (4 GiB) means a damaged header, not a strong setting.</summary>
    public const int Argon2idMaximumMemoryKiB = 4 * 1024 * 1024;

    /// <summary>More passes than this means a damaged header.</summary>
    public const int Argon2idMaximumIterations = 1_000;

    /// <summary>New vaults and exports: 128 MiB and 6 passes, about half a second here (docs/benchmarks.md), one lane.</summary>
    public static KdfParameters Default { get; } = Argon2id(memoryKiB: 128 * 1024, iterations: 6);

    /// <summary>The weakest parameters Keyfolio opens or accepts as a setting; quick, for tests and very small machines.</summary>
    public static KdfParameters Floor { get; } = Argon2id(Argon2idMinimumMemoryKiB, Argon2idMinimumIterations);

    /// <summary>Argon2id with one lane: libsodium computes a single lane, and the gate runs one derivation at a time.</summary>
    public static KdfParameters Argon2id(int memoryKiB, int iterations) => new(KdfAlgorithm.Argon2id, iterations, memoryKiB, 1);

    /// <summary>PBKDF2-HMAC-SHA256, as vaults and exports before Argon2id stored it.</summary>
    public static KdfParameters Pbkdf2(int iterations) => new(KdfAlgorithm.Pbkdf2HmacSha256, iterations, 0, 1);

    /// <summary>The salt every derivation with this function uses, fresh and random: 16 bytes for Argon2id, 32 for PBKDF2.</summary>
    public int SaltSize => Algorithm == KdfAlgorithm.Argon2id ? 16 : 32;

    /// <summary>The name the API and the CLI show: "argon2id" or "pbkdf2-sha256".</summary>
    public string Name => Algorithm == KdfAlgorithm.Argon2id ? "argon2id" : "pbkdf2-sha256";

    /// <summary>Whether these parameters meet the floor and are plausible.</summary>
    public bool IsAcceptable => Problem("vault") is null;

    /// <summary>
    /// Whether a vault protected by these parameters should be re-protected with <paramref name="target"/>: another
    /// function, or less memory or fewer passes than it asks for. Never a downgrade.
    /// </summary>
    public bool IsWeakerThan(KdfParameters target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Algorithm != target.Algorithm || MemoryKiB < target.MemoryKiB || Iterations < target.Iterations;
    }

    /// <summary>Refuses parameters below the floor or implausibly high, naming which.</summary>
    /// <param name="what">What the parameters protect, for the message ("vault", "export file").</param>
    public void EnsureAcceptable(string what)
    {
        if (Problem(what) is { } problem)
        {
            throw problem;
        }
    }

    /// <summary>"argon2id, 131072 KiB, 6 passes, 1 lane", for people.</summary>
    public override string ToString() => Algorithm == KdfAlgorithm.Argon2id
        ? string.Create(CultureInfo.InvariantCulture, $"argon2id, {MemoryKiB} KiB, {Iterations} passes, {Parallelism} lane(s)")
        : string.Create(CultureInfo.InvariantCulture, $"pbkdf2-sha256, {Iterations} iterations");

    private VaultException? Problem(string what)
    {
        switch (Algorithm)
        {
            case KdfAlgorithm.Pbkdf2HmacSha256:
                if (Iterations < Pbkdf2MinimumIterations)
                {
                    return new VaultException(
                        VaultErrorKind.KdfBelowFloor,
                        $"The {what} uses {Iterations.ToString(CultureInfo.InvariantCulture)} PBKDF2 iterations, below Keyfolio's floor of {Pbkdf2MinimumIterations.ToString("N0", CultureInfo.InvariantCulture)}; it is refused because it could be guessed too quickly.");
                }

                return Iterations > Pbkdf2MaximumIterations
                    ? new VaultException(VaultErrorKind.Corrupted, $"The {what} header asks for an implausible number of PBKDF2 iterations; it is damaged.")
                    : null;
            case KdfAlgorithm.Argon2id:
                if (MemoryKiB > Argon2idMaximumMemoryKiB || Iterations > Argon2idMaximumIterations || Parallelism != 1)
                {
                    return new VaultException(VaultErrorKind.Corrupted, $"The {what} header asks for implausible Argon2id parameters; it is damaged.");
                }

                return MemoryKiB < Argon2idMinimumMemoryKiB || Iterations < Argon2idMinimumIterations
                    ? new VaultException(
                        VaultErrorKind.KdfBelowFloor,
                        string.Create(CultureInfo.InvariantCulture, $"The {what} uses Argon2id with {MemoryKiB} KiB and {Iterations} passes, below Keyfolio's floor of {Argon2idMinimumMemoryKiB} KiB and {Argon2idMinimumIterations} passes; it is refused because it could be guessed too quickly."))
                    : null;
            default:
                return new VaultException(VaultErrorKind.UnknownVersion, $"The {what} uses a key-derivation function this version of Keyfolio does not know. Update Keyfolio to open it.");
        }
    }
}
