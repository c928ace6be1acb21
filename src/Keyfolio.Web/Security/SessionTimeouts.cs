namespace Keyfolio.Web.Security;

/// <summary>How long sessions last next to the vault's auto-lock times.</summary>
internal static class SessionTimeouts
{
    /// <summary>The longer of the web option and the vault's time; a vault time of "never" leaves the web option.</summary>
    public static TimeSpan Longer(TimeSpan web, TimeSpan vault) =>
        vault == Timeout.InfiniteTimeSpan || vault < web ? web : vault;
}
