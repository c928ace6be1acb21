using Keyfolio.Exchanges;

namespace Keyfolio.Core;

/// <summary>
/// What went wrong, for people (a message and a fix in every language Keyfolio speaks) and for code (<see cref="Kind"/>).
/// Never holds a secret: it names fields, not their values.
/// </summary>
public sealed record CoreError(CoreErrorKind Kind, LocalizedText Message, LocalizedText Fix)
{
    /// <summary>The input at fault (<c>apiKey</c>, <c>secret</c>, <c>passphrase</c>, <c>label</c>, …).</summary>
    public string? Field { get; init; }

    /// <summary>The exchange's refusal, classified, when the error came from an exchange.</summary>
    public Diagnosis? Diagnosis { get; init; }

    /// <summary>When the action may be tried again (cooldowns, rate limits).</summary>
    public DateTimeOffset? RetryAt { get; init; }

    public override string ToString() => $"{Kind}: {Message}";
}
