using System.Globalization;
using Keyfolio.Vault;
using Keyfolio.Vault.Kdf;

namespace Keyfolio.Core.Settings;

/// <summary>
/// <c>KEYFOLIO_KDF_MEMORY_KIB</c> and <c>KEYFOLIO_KDF_PASSES</c>: the Argon2id memory (KiB) and passes used for new
/// vaults, password changes and exports, and that an existing vault is upgraded to on its next unlock. A machine
/// with little memory can lower them (never below OWASP's floor, 19,456 KiB and 2 passes); a larger one can raise
/// them. Unset, the defaults hold (131,072 KiB, 6 passes).
/// </summary>
public static class KdfEnvironment
{
    public const string MemoryVariable = "KEYFOLIO_KDF_MEMORY_KIB";
    public const string PassesVariable = "KEYFOLIO_KDF_PASSES";

    /// <summary>Sets <paramref name="vault"/>'s Argon2id parameters from the environment, or leaves them when unset.</summary>
    /// <exception cref="KeyfolioSettingException">A value is not a whole number, or is outside the accepted range.</exception>
    public static void Apply(VaultOptions vault)
    {
        ArgumentNullException.ThrowIfNull(vault);
        var memory = Read(MemoryVariable, vault.Kdf.MemoryKiB, KdfParameters.Argon2idMinimumMemoryKiB, KdfParameters.Argon2idMaximumMemoryKiB);
        var passes = Read(PassesVariable, vault.Kdf.Iterations, KdfParameters.Argon2idMinimumIterations, KdfParameters.Argon2idMaximumIterations);
        vault.Kdf = KdfParameters.Argon2id(memory, passes);
    }

    private static int Read(string variable, int current, int minimum, int maximum)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return current;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum || value > maximum)
        {
            throw new KeyfolioSettingException(
                variable,
                string.Create(CultureInfo.InvariantCulture, $"{variable} is \"{text}\", which is not a whole number from {minimum} to {maximum}."),
                string.Create(CultureInfo.InvariantCulture, $"Set {variable} to a whole number from {minimum} to {maximum}, or unset it to use the default."));
        }

        return value;
    }
}

/// <summary>A setting from the environment that Keyfolio cannot use: which one, what is wrong and how to fix it. Holds no secret.</summary>
public sealed class KeyfolioSettingException(string setting, string message, string fix) : Exception(message)
{
    public string Setting { get; } = setting;

    public string Fix { get; } = fix;
}
