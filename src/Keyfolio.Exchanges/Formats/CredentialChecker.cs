namespace Keyfolio.Exchanges.Formats;

/// <summary>
/// The local format check run before any call: surrounding whitespace is ignored (it is stripped when credentials
/// are made), while an empty field, a control character, inner whitespace or a value that does not have the
/// exchange's form is reported per field, and the key pasted into the secret field as well is named as such, without
/// ever repeating the value. Values are read as spans, so a secret is
/// checked where it lies (a pinned buffer) and never copied into a string.
/// </summary>
internal static class CredentialChecker
{
    public static CredentialCheck Check(ExchangeDescriptor descriptor, ReadOnlySpan<char> apiKey, ReadOnlySpan<char> secret, ReadOnlySpan<char> passphrase)
    {
        var problems = new List<CredentialProblem>();
        foreach (var field in descriptor.CredentialFields)
        {
            var value = (field.Kind switch
            {
                CredentialFieldKind.ApiKey => apiKey,
                CredentialFieldKind.Secret => secret,
                _ => passphrase,
            }).Trim();
            if (Problem(field, value) is { } message)
            {
                problems.Add(new CredentialProblem(field.Kind, field.Name, message));
            }
        }

        if (problems.Count == 2 && LooksSwapped(descriptor, apiKey, secret))
        {
            problems.Clear();
            problems.Add(new CredentialProblem(CredentialFieldKind.ApiKey, "apiKey", Texts.Of("TheAPIKeyAndThe")));
        }

        if (!problems.Exists(p => p.Field == CredentialFieldKind.ApiKey) && apiKey.Trim().Length > 0 && apiKey.Trim().SequenceEqual(secret.Trim()))
        {
            // The same value twice passes many exchanges' patterns, then fails every call as a bad signature. Where the
            // key field itself is wrong, its own message says more, so it stays.
            var field = descriptor.CredentialFields.First(f => f.Kind == CredentialFieldKind.Secret);
            var key = descriptor.CredentialFields.First(f => f.Kind == CredentialFieldKind.ApiKey);
            return new CredentialCheck([new CredentialProblem(field.Kind, field.Name, Texts.Of("IsTheSameAsThe", field.Label, key.Label))]);
        }

        return new CredentialCheck(problems);
    }

    private static LocalizedText? Problem(CredentialField field, ReadOnlySpan<char> value)
    {
        var label = field.Label;
        if (value.Length == 0)
        {
            return field.Required
                ? Texts.Of("IsEmptyCopyItFrom", label)
                : null;
        }

        if (field.Rule.Check is { } check)
        {
            return check(value);
        }

        return SharedProblem(field, value);
    }

    /// <summary>
    /// The shared checks of a one-line credential (a PEM private key where an HMAC secret belongs, control characters,
    /// escapes, spaces, then the pattern), for an exchange's own <see cref="CredentialRule.Check"/> to fall back on when
    /// the value is not of the kind it checks itself.
    /// </summary>
    internal static LocalizedText? SharedProblem(CredentialField field, ReadOnlySpan<char> value)
    {
        var label = field.Label;
        if (field.Kind == CredentialFieldKind.Secret && value.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            return Texts.Of("IsAPrivateKeyPEM", label);
        }

        if (Any(value, char.IsControl))
        {
            return Texts.Of("ContainsALineBreakTab", label);
        }

        if (value.Contains("\\n", StringComparison.Ordinal) || value.Contains("\\r", StringComparison.Ordinal))
        {
            return Texts.Of("ContainsALiteralNIt", label);
        }

        if (Any(value, char.IsWhiteSpace))
        {
            return Texts.Of("ContainsASpaceCopyIt", label);
        }

        return field.Rule.Pattern.IsMatch(value)
            ? null
            : Texts.Of("ShouldBeTheValueGiven", label, field.Rule.Expected, value.Length);
    }

    private static bool LooksSwapped(ExchangeDescriptor descriptor, ReadOnlySpan<char> apiKey, ReadOnlySpan<char> secret)
    {
        var keyRule = descriptor.CredentialFields.First(f => f.Kind == CredentialFieldKind.ApiKey).Rule;
        var secretRule = descriptor.CredentialFields.First(f => f.Kind == CredentialFieldKind.Secret).Rule;
        return secretRule.Pattern.IsMatch(apiKey.Trim()) && keyRule.Pattern.IsMatch(secret.Trim());
    }

    private static bool Any(ReadOnlySpan<char> value, Func<char, bool> test)
    {
        foreach (var c in value)
        {
            if (test(c))
            {
                return true;
            }
        }

        return false;
    }
}
