namespace Keyfolio.Web.Components.Shared;

/// <summary>
/// The colour family of a status or severity. Statuses map as: Connected → <see cref="Positive"/>; Expires in
/// N days, Rate limited, Exchange unavailable, Clock skew → <see cref="Warning"/>; Invalid key, Wrong
/// passphrase, Bad signature, IP not allowed, Region blocked, Wrong environment, Key expired, Withdrawal
/// enabled, Missing permission → <see cref="Critical"/>; Vault locked, Exchange closed → <see cref="Muted"/>.
/// Finding severities: critical → <see cref="Critical"/>, warning → <see cref="Warning"/>, advice → <see cref="Info"/>.
/// </summary>
public enum BadgeTone
{
    Muted,
    Info,
    Positive,
    Warning,
    Critical,
}
