using Keyfolio.Exchanges;
using Keyfolio.Vault;
using Keyfolio.Vault.Passwords;

namespace Keyfolio.Core;

/// <summary>The errors the core reports, with their English and Chinese texts.</summary>
internal static class Errors
{
    public static CoreError VaultMissing() => new(
        CoreErrorKind.VaultMissing,
        new("No vault exists in this data directory yet.", "此数据目录中还没有保险库。"),
        new("Create one first with `keyfolio init` (or set KEYFOLIO_HOME to the data directory you meant).", "请先运行 `keyfolio init` 创建保险库（或把 KEYFOLIO_HOME 设为您要使用的数据目录）。"));

    public static CoreError VaultLocked() => new(
        CoreErrorKind.VaultLocked,
        new("The vault is locked, so no key can be used.", "保险库已锁定，无法使用任何密钥。"),
        new("Unlock it with the master password.", "请用主密码解锁。"));

    public static CoreError AuditFailed(string detail) => new(
        CoreErrorKind.AuditFailed,
        new("The audit log could not record this action, so it was refused. " + detail, "审计日志无法记录此操作，因此已拒绝执行。" + detail),
        new(
            "Run `keyfolio audit --verify` to see what is wrong. If the log was restored from a backup on purpose, reseal it with `keyfolio audit --reseal`; otherwise restore the data directory.",
            "请运行 `keyfolio audit --verify` 查看问题。如果日志是有意从备份恢复的，请运行 `keyfolio audit --reseal` 重新封存；否则请恢复数据目录。"));

    /// <summary>A new master password that breaks a rule, said in both languages.</summary>
    public static CoreError PasswordRejected(PasswordProblem problem) => new(
        CoreErrorKind.PasswordRejected,
        problem switch
        {
            PasswordProblem.TooShort => new(
                $"The master password is too short: use at least {PasswordPolicy.MinimumLength} characters. A few unrelated words make a strong password that is easy to remember.",
                $"主密码太短：请至少使用 {PasswordPolicy.MinimumLength} 个字符。几个不相关的词组合起来，既安全又好记。"),
            PasswordProblem.TooLong => new(
                $"The master password is too long: use at most {PasswordPolicy.MaximumLength} characters.",
                $"主密码太长：最多使用 {PasswordPolicy.MaximumLength} 个字符。"),
            PasswordProblem.Common => new(
                "The master password is one of the most common passwords (perhaps with digits or symbols added), which attackers try first.",
                "该主密码属于最常见的密码之一（可能只是加了数字或符号），攻击者会最先尝试这类密码。"),
            PasswordProblem.TrivialPattern => new(
                "The master password is a trivial pattern: a repeated character or unit, a run such as 12345678 or abcdefgh, or a keyboard row.",
                "该主密码是简单的规律组合：重复的字符或片段、12345678 或 abcdefgh 这样的连续序列，或键盘上的一排键。"),
            _ => new(
                "The master password contains invalid text (an unpaired surrogate character).",
                "主密码包含无效的文本（不成对的代理字符）。"),
        },
        new("Choose a longer, less common password: several unrelated words work well.", "请选择更长、更不常见的密码：几个不相关的词组合起来效果很好。"))
    { Field = "password" };

    public static CoreError ConnectionNotFound(string label) => new(
        CoreErrorKind.ConnectionNotFound,
        new($"No connection is labelled \"{label}\".", $"没有标签为“{label}”的连接。"),
        new("List the connections with `keyfolio connections` and use one of their labels.", "请用 `keyfolio connections` 列出连接，并使用其中的标签。"))
    { Field = "label" };

    /// <summary>No active connection has this id, the stable name pages and API routes use.</summary>
    public static CoreError ConnectionIdNotFound() => new(
        CoreErrorKind.ConnectionNotFound,
        new("No connection has this id; it may have been removed.", "没有此 ID 的连接；它可能已被移除。"),
        new("Open My Exchanges and choose a connection from the list.", "请打开“我的交易所”，从列表中选择连接。"))
    { Field = "id" };

    /// <summary>A field that cannot be corrected on its own: the API key (another key is a replacement), or one this
    /// exchange's keys do not have.</summary>
    public static CoreError NotCorrectable(Connections.Connection connection, CredentialFieldKind field)
    {
        if (field == CredentialFieldKind.ApiKey)
        {
            return new(
                CoreErrorKind.BadInput,
                new($"The API key of \"{connection.Label}\" cannot be corrected on its own: a different API key is a different key.", $"“{connection.Label}”的 API Key 不能单独更正：不同的 API Key 就是另一个密钥。"),
                new("Replace the key instead, with its key, secret and passphrase together.", "请改为更换密钥，一并输入 Key、Secret 和密码短语。"))
            { Field = "field" };
        }

        var passphrase = connection.Descriptor.CredentialFields.Any(f => f.Kind == CredentialFieldKind.Passphrase);
        return new(
            CoreErrorKind.BadInput,
            new($"{connection.Descriptor.DisplayName} keys have no {FieldName(field)} to correct.", $"{connection.Descriptor.DisplayName}的密钥没有可更正的{FieldNameZh(field)}。"),
            passphrase ? new("Correct the secret or the passphrase.", "可更正 Secret 或密码短语。") : new("Correct the secret.", "可更正 Secret。"))
        { Field = "field" };
    }

    private static string FieldName(CredentialFieldKind field) => field == CredentialFieldKind.Secret ? "secret" : "passphrase";

    private static string FieldNameZh(CredentialFieldKind field) => field == CredentialFieldKind.Secret ? "Secret" : "密码短语";

    public static CoreError NoSubAccounts(Connections.Connection connection) => new(
        CoreErrorKind.BadInput,
        new($"Keyfolio reads no sub-accounts on {connection.Descriptor.DisplayName}: \"{connection.Label}\" is read as one account.", $"Keyfolio 不读取{connection.Descriptor.DisplayName}的子账户：“{connection.Label}”按单个账户读取。"),
        new("Connect a sub-account with a key of its own, if it has one.", "如子账户有自己的密钥，请用该密钥单独连接。"))
    { Field = "subAccount" };

    public static CoreError SubAccountNotFound(Connections.Connection connection, string subAccount) => new(
        CoreErrorKind.ConnectionNotFound,
        new($"\"{connection.Label}\" has no sub-account \"{subAccount}\" in its latest list.", $"“{connection.Label}”最近的列表中没有子账户“{subAccount}”。"),
        new("List its sub-accounts again (keyfolio subaccounts <label> --refresh) and use one of their names.", "请重新列出其子账户（keyfolio subaccounts <标签> --refresh），并使用其中的名称。"))
    { Field = "subAccount" };

    public static CoreError DuplicateLabel(string label) => new(
        CoreErrorKind.DuplicateLabel,
        new($"Another connection is already labelled \"{label}\".", $"已有另一个连接使用标签“{label}”。"),
        new("Choose another label (labels are compared without regard to case).", "请换一个标签（标签比较不区分大小写）。"))
    { Field = "label" };

    public static CoreError DuplicateKey(string otherLabel) => new(
        CoreErrorKind.DuplicateKey,
        new($"This API key is already used by the connection \"{otherLabel}\".", $"此 API Key 已被连接“{otherLabel}”使用。"),
        new("Use a separate key for each connection; create another key on the exchange.", "请为每个连接使用单独的密钥；请在交易所新建一个密钥。"))
    { Field = "apiKey" };

    public static CoreError BadInput(string field, LocalizedText message, LocalizedText fix) => new(CoreErrorKind.BadInput, message, fix) { Field = field };

    public static CoreError Verification(Diagnosis diagnosis) => new(
        diagnosis.Category is DiagnosisCategory.ExchangeUnavailable or DiagnosisCategory.RateLimited ? CoreErrorKind.ExchangeUnavailable : CoreErrorKind.VerificationFailed,
        diagnosis.Explanation,
        diagnosis.Fix)
    {
        Diagnosis = diagnosis,
        RetryAt = diagnosis.RetryAt,
        Field = diagnosis.Field,
    };

    /// <summary>
    /// A key refused, or not answered, while it was being added or put in place: nothing was saved. When the exchange
    /// could not be reached the diagnosis's own fix speaks of a saved connection (kept balances, a paused sync), so the
    /// fix says what is true here instead.
    /// </summary>
    public static CoreError NotSaved(Diagnosis diagnosis, bool replacing)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        var error = Verification(diagnosis);
        if (diagnosis.Category is not (DiagnosisCategory.ExchangeUnavailable or DiagnosisCategory.RateLimited))
        {
            return error;
        }

        var exchange = ExchangeCatalog.Get(diagnosis.Exchange).DisplayName;
        var when = diagnosis.RetryAt is { } at ? at.UtcDateTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : null;
        var (savedEn, savedZh) = replacing
            ? ("Nothing was changed: the connection keeps its current key.", "未做任何更改：此连接仍使用原来的密钥。")
            : ("Nothing was saved.", "未保存任何内容。");
        return error with
        {
            Fix = new(
                $"{savedEn} Try again {(when is null ? "in a few minutes" : "after " + when + " UTC")}, when {exchange} answers.",
                $"{savedZh}请{(when is null ? "几分钟后" : "在 UTC " + when + " 之后")}、待 {exchange} 恢复响应时重试。"),
        };
    }

    public static CoreError FromVault(VaultException exception) => exception.Kind switch
    {
        VaultErrorKind.WrongPassword => new(
            CoreErrorKind.WrongPassword,
            new(exception.Message, "密码错误。" + DelayZh(exception.Message)),
            new("Type the password again; each wrong attempt makes the next one wait longer.", "请重新输入密码；每次输错后，下次尝试需等待更久。")),
        VaultErrorKind.WrongRecoveryKey => new(
            CoreErrorKind.WrongPassword,
            new(exception.Message, "此恢复密钥不属于这个保险库，或保险库创建时未生成恢复密钥。"),
            new("Check the recovery key against the copy you wrote down when the vault was created.", "请对照创建保险库时抄下的恢复密钥逐组核对。"))
        { Field = "recoveryKey" },
        VaultErrorKind.MalformedRecoveryKey => new(
            CoreErrorKind.BadInput,
            new(exception.Message, "恢复密钥格式不正确：它由 40 个字母和数字组成，分为八组，每组五个（例如 ABCDE-FGHIJ-…）。"),
            new("Check each group against the copy you wrote down; case, spaces and dashes do not matter.", "请逐组核对您抄下的副本；大小写、空格和短横线不影响。"))
        { Field = "recoveryKey" },
        VaultErrorKind.PasswordRejected => new(
            CoreErrorKind.PasswordRejected,
            new(exception.Message, "密码不符合规则：" + exception.Message),
            new("Choose a longer, less common password: at least 8 characters, not a common word or pattern.", "请选择更长、更不常见的密码：至少 8 个字符，且不是常见词或规律组合。"))
        { Field = "password" },
        VaultErrorKind.Locked => VaultLocked(),
        VaultErrorKind.NotCreated => VaultMissing(),
        VaultErrorKind.AlreadyExists => new(
            CoreErrorKind.VaultExists,
            new("A vault already exists in this data directory.", "此数据目录中已存在保险库。"),
            new("Use it with its master password, or point KEYFOLIO_HOME at another directory to start afresh.", "请用其主密码使用它，或把 KEYFOLIO_HOME 指向另一个目录重新开始。")),
        VaultErrorKind.AuditFailed => AuditFailed(exception.Message),
        VaultErrorKind.HeaderAltered => new(
            CoreErrorKind.VaultHeaderAltered,
            new(exception.Message, "保险库头部已被篡改：它不再带有 Keyfolio 写入时的认证码，说明写入后被改动过（有人能访问数据库、磁盘损坏，或 audit.key 被替换）。未打开或更改任何内容，也未尝试任何密码。"),
            new("Restore the data directory (the database together with audit.key) from a backup, and find out who or what changed it.", "请从备份恢复数据目录（数据库连同 audit.key），并查明是谁或什么改动了它。")),
        VaultErrorKind.ConcurrentChange or VaultErrorKind.CredentialExists or VaultErrorKind.CredentialNotFound => new(
            CoreErrorKind.Conflict,
            new(exception.Message, "保险库在操作期间被另一个进程修改；未做任何更改。"),
            new("Try again.", "请重试。")),
        _ => new(
            CoreErrorKind.Corrupted,
            new(exception.Message, "保险库数据已损坏或被篡改：" + exception.Message),
            new("Restore the data directory from a backup, or import an export file into a new vault.", "请从备份恢复数据目录，或把导出文件导入新的保险库。")),
    };

    private static string DelayZh(string message)
    {
        var marker = message.IndexOf("in ", StringComparison.Ordinal);
        return marker < 0 ? string.Empty : "下次尝试需等待 " + message[(marker + 3)..].TrimEnd('.') + "。";
    }
}
