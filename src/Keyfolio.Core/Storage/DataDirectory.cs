namespace Keyfolio.Core.Storage;

/// <summary>Where Keyfolio keeps its database, audit key and settings.</summary>
public static class DataDirectory
{
    /// <summary>The environment variable that overrides the data directory.</summary>
    public const string EnvironmentVariable = "KEYFOLIO_HOME";

    /// <summary>
    /// <c>KEYFOLIO_HOME</c> when set; otherwise <c>keyfolio</c> under the platform's per-user data folder
    /// (<c>$XDG_DATA_HOME</c> or <c>~/.local/share</c> on Linux, <c>%LOCALAPPDATA%</c> on Windows,
    /// <c>~/Library/Application Support</c> on macOS).
    /// </summary>
    public static string Resolve(Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);

        var configured = getEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured.Trim());
        }

        var perUser = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(perUser))
        {
            perUser = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(perUser, "keyfolio");
    }

    /// <summary>Resolves the data directory from the process environment.</summary>
    public static string Resolve() => Resolve(Environment.GetEnvironmentVariable);
}
