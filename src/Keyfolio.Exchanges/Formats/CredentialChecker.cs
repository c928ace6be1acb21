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
            problems.Add(new CredentialProblem(CredentialFieldKind.ApiKey, "apiKey", new LocalizedText(
                "The API key and the secret look swapped: put the public key in the first field and the secret in the second.",
                "API Key 与 Secret 似乎填反了：请把公开的 Key 填入第一个栏位，把 Secret 填入第二个栏位。")));
        }

        if (!problems.Exists(p => p.Field == CredentialFieldKind.ApiKey) && apiKey.Trim().Length > 0 && apiKey.Trim().SequenceEqual(secret.Trim()))
        {
            // The same value twice passes many exchanges' patterns, then fails every call as a bad signature. Where the
            // key field itself is wrong, its own message says more, so it stays.
            var field = descriptor.CredentialFields.First(f => f.Kind == CredentialFieldKind.Secret);
            var key = descriptor.CredentialFields.First(f => f.Kind == CredentialFieldKind.ApiKey);
            return new CredentialCheck([new CredentialProblem(field.Kind, field.Name, new LocalizedText(
                $"{field.Label.En} is the same as the {key.Label.En}: the key was pasted twice. Copy the {field.Label.En} from the exchange; it is shown only once, when the key is created.",
                $"{field.Label.Zh}与{key.Label.Zh}相同：同一个值粘贴了两次。请从交易所复制{field.Label.Zh}；它只在创建密钥时显示一次。"))]);
        }

        return new CredentialCheck(problems);
    }

    private static LocalizedText? Problem(CredentialField field, ReadOnlySpan<char> value)
    {
        var label = field.Label;
        if (value.Length == 0)
        {
            return field.Required
                ? new LocalizedText($"{label.En} is empty: copy it from the exchange's API-management page.", $"{label.Zh}为空：请从交易所的 API 管理页面复制。")
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
            return new LocalizedText(
                $"{label.En} is a private key (PEM): Keyfolio signs with HMAC keys; create a system-generated (HMAC) key instead.",
                $"{label.Zh}是私钥（PEM 格式）：Keyfolio 使用 HMAC 密钥签名；请改为创建系统生成的（HMAC）密钥。");
        }

        if (Any(value, char.IsControl))
        {
            return new LocalizedText(
                $"{label.En} contains a line break, tab or other control character: paste it again as one line.",
                $"{label.Zh}包含换行、制表符或其他控制字符：请重新粘贴为一行。");
        }

        if (value.Contains("\\n", StringComparison.Ordinal) || value.Contains("\\r", StringComparison.Ordinal))
        {
            return new LocalizedText(
                $"{label.En} contains a literal \\n: it was copied from a text with escaped line breaks; paste the value itself.",
                $"{label.Zh}包含字面上的 \\n：它是从带转义换行的文本中复制的；请粘贴原始值。");
        }

        if (Any(value, char.IsWhiteSpace))
        {
            return new LocalizedText(
                $"{label.En} contains a space: copy it again without spaces.",
                $"{label.Zh}中含有空格：请重新复制，不要带空格。");
        }

        return field.Rule.Pattern.IsMatch(value)
            ? null
            : new LocalizedText(
                $"{label.En} should be {field.Rule.Expected.En}; the value given has {value.Length} characters or others not allowed.",
                $"{label.Zh}应为{field.Rule.Expected.Zh}；当前输入为 {value.Length} 个字符，或含有不允许的字符。");
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
