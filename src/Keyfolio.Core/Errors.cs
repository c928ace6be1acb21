using Keyfolio.Exchanges;
using Keyfolio.Vault;
using Keyfolio.Vault.Passwords;

namespace Keyfolio.Core;

/// <summary>The errors the core reports, with their texts.</summary>
internal static class Errors
{
    public static CoreError VaultMissing() => new(
        CoreErrorKind.VaultMissing,
        Texts.Of("NoVaultExistsInThis"),
        Texts.Of("CreateOneFirstWithKeyfolio"));

    public static CoreError VaultLocked() => new(
        CoreErrorKind.VaultLocked,
        Texts.Of("TheVaultIsLockedSo"),
        Texts.Of("UnlockItWithTheMaster"));

    public static CoreError AuditFailed(string detail) => new(
        CoreErrorKind.AuditFailed,
        Texts.Of("TheAuditLogCouldNot", detail),
        Texts.Of("RunKeyfolioAuditVerifyTo"));

    /// <summary>A new master password that breaks a rule, said in both languages.</summary>
    public static CoreError PasswordRejected(PasswordProblem problem) => new(
        CoreErrorKind.PasswordRejected,
        problem switch
        {
            PasswordProblem.TooShort => Texts.Of("TheMasterPasswordIsToo", PasswordPolicy.MinimumLength),
            PasswordProblem.TooLong => Texts.Of("TheMasterPasswordIsToo2", PasswordPolicy.MaximumLength),
            PasswordProblem.Common => Texts.Of("TheMasterPasswordIsOne"),
            PasswordProblem.TrivialPattern => Texts.Of("TheMasterPasswordIsA"),
            _ => Texts.Of("TheMasterPasswordContainsInvalid"),
        },
        Texts.Of("ChooseALongerLessCommon"))
    { Field = "password" };

    public static CoreError ConnectionNotFound(string label) => new(
        CoreErrorKind.ConnectionNotFound,
        Texts.Of("NoConnectionIsLabelled", label),
        Texts.Of("ListTheConnectionsWithKeyfolio"))
    { Field = "label" };

    /// <summary>No active connection has this id, the stable name pages and API routes use.</summary>
    public static CoreError ConnectionIdNotFound() => new(
        CoreErrorKind.ConnectionNotFound,
        Texts.Of("NoConnectionHasThisId"),
        Texts.Of("OpenMyExchangesAndChoose"))
    { Field = "id" };

    /// <summary>A field that cannot be corrected on its own: the API key (another key is a replacement), or one this
    /// exchange's keys do not have.</summary>
    public static CoreError NotCorrectable(Connections.Connection connection, CredentialFieldKind field)
    {
        if (field == CredentialFieldKind.ApiKey)
        {
            return new(
                CoreErrorKind.BadInput,
                Texts.Of("TheAPIKeyOfCannot", connection.Label),
                Texts.Of("ReplaceTheKeyInsteadWith"))
            { Field = "field" };
        }

        var passphrase = connection.Descriptor.CredentialFields.Any(f => f.Kind == CredentialFieldKind.Passphrase);
        return new(
            CoreErrorKind.BadInput,
            Texts.Of("KeysHaveNoToCorrect", connection.Descriptor.DisplayName, FieldName(field)),
            passphrase ? Texts.Of("CorrectTheSecretOrThe") : Texts.Of("CorrectTheSecret"))
        { Field = "field" };
    }

    private static LocalizedText FieldName(CredentialFieldKind field) =>
        field == CredentialFieldKind.Secret ? Texts.Of("FieldNameSecret") : Texts.Of("FieldNamePassphrase");

    public static CoreError NoSubAccounts(Connections.Connection connection) => new(
        CoreErrorKind.BadInput,
        Texts.Of("KeyfolioReadsNoSubAccounts", connection.Descriptor.DisplayName, connection.Label),
        Texts.Of("ConnectASubAccountWith"))
    { Field = "subAccount" };

    public static CoreError SubAccountNotFound(Connections.Connection connection, string subAccount) => new(
        CoreErrorKind.ConnectionNotFound,
        Texts.Of("HasNoSubAccountIn", connection.Label, subAccount),
        Texts.Of("ListItsSubAccountsAgain"))
    { Field = "subAccount" };

    public static CoreError DuplicateLabel(string label) => new(
        CoreErrorKind.DuplicateLabel,
        Texts.Of("AnotherConnectionIsAlreadyLabelled", label),
        Texts.Of("ChooseAnotherLabelLabelsAre"))
    { Field = "label" };

    public static CoreError DuplicateKey(string otherLabel) => new(
        CoreErrorKind.DuplicateKey,
        Texts.Of("ThisAPIKeyIsAlready", otherLabel),
        Texts.Of("UseASeparateKeyFor"))
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
        var saved = replacing ? Texts.Of("NothingChangedKeepsCurrentKey") : Texts.Of("NothingWasSaved");
        var retry = when is null ? Texts.Of("RetryInAFewMinutes") : Texts.Of("RetryAfterUtc", when);
        return error with
        {
            Fix = Texts.Of("TryAgainWhenAnswers", saved, retry, exchange),
        };
    }

    public static CoreError FromVault(VaultException exception) => exception.Kind switch
    {
        VaultErrorKind.WrongPassword => new(
            CoreErrorKind.WrongPassword,
            Texts.Of("VaultWrongPassword", exception.Message, NextTry(exception.Message)),
            Texts.Of("TypeThePasswordAgainEach")),
        VaultErrorKind.WrongRecoveryKey => new(
            CoreErrorKind.WrongPassword,
            Texts.Of("VaultWrongRecoveryKey", exception.Message),
            Texts.Of("CheckTheRecoveryKeyAgainst"))
        { Field = "recoveryKey" },
        VaultErrorKind.MalformedRecoveryKey => new(
            CoreErrorKind.BadInput,
            Texts.Of("VaultMalformedRecoveryKey", exception.Message),
            Texts.Of("CheckEachGroupAgainstThe"))
        { Field = "recoveryKey" },
        VaultErrorKind.PasswordRejected => new(
            CoreErrorKind.PasswordRejected,
            Texts.Of("VaultPasswordRejected", exception.Message),
            Texts.Of("ChooseALongerLessCommon2"))
        { Field = "password" },
        VaultErrorKind.Locked => VaultLocked(),
        VaultErrorKind.NotCreated => VaultMissing(),
        VaultErrorKind.AlreadyExists => new(
            CoreErrorKind.VaultExists,
            Texts.Of("AVaultAlreadyExistsIn"),
            Texts.Of("UseItWithItsMaster")),
        VaultErrorKind.AuditFailed => AuditFailed(exception.Message),
        VaultErrorKind.HeaderAltered => new(
            CoreErrorKind.VaultHeaderAltered,
            Texts.Of("VaultHeaderAltered", exception.Message),
            Texts.Of("RestoreTheDataDirectoryThe")),
        VaultErrorKind.ConcurrentChange or VaultErrorKind.CredentialExists or VaultErrorKind.CredentialNotFound => new(
            CoreErrorKind.Conflict,
            Texts.Of("VaultConcurrentChange", exception.Message),
            Texts.Of("TryAgain")),
        _ => new(
            CoreErrorKind.Corrupted,
            Texts.Of("VaultCorrupted", exception.Message),
            Texts.Of("RestoreTheDataDirectoryFrom3")),
    };

    /// <summary>The wait before the next try that the vault's English message ends with ("… in 4 seconds."), said again in each language.</summary>
    private static LocalizedText NextTry(string message)
    {
        var marker = message.IndexOf("in ", StringComparison.Ordinal);
        return marker < 0 ? LocalizedText.Same(string.Empty) : Texts.Of("NextTryWaits", message[(marker + 3)..].TrimEnd('.'));
    }
}
