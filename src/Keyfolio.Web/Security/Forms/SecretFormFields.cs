namespace Keyfolio.Web.Security.Forms;

/// <summary>
/// The fields of the pages' forms that carry a secret, by the form's name (its <c>_handler</c> field, the page's
/// <c>@formname</c>). <see cref="SecretFormReader"/> takes them out of the posted body before the framework reads it, so
/// they never become strings; the page takes each from <see cref="PostedSecrets"/>. A form not listed here is read as
/// the framework reads any form.
/// </summary>
public static class SecretFormFields
{
    /// <summary>The hidden field naming the form, as Blazor renders <c>@formname</c>.</summary>
    public const string HandlerField = "_handler";

    public const string Password = "Form.Password";
    public const string Current = "Form.Current";
    public const string Confirm = "Form.Confirm";
    public const string Secret = "Form.Secret";
    public const string Passphrase = "Form.Passphrase";
    public const string RecoveryKey = "Form.RecoveryKey";
    public const string ExportMaster = "Export.Master";
    public const string ExportPassword = "Export.Password";
    public const string ExportConfirm = "Export.Confirm";
    public const string FastClientSecret = "Fast.ClientSecret";
    public const string ChannelSecret = "ChannelSecret.Secret";
    public const string ImportPassword = "Import.Password";

    /// <summary>The text of a key's QR code, which holds its secret: parsed from its buffer, never made a string.</summary>
    public const string QrText = "Form.QrText";

    private static readonly Dictionary<string, string[]> ByForm = new(StringComparer.Ordinal)
    {
        ["unlock"] = [Password],
        ["setup"] = [Password, Confirm],
        ["passwd"] = [Current, Password, Confirm],
        ["recover"] = [RecoveryKey, Password, Confirm],
        ["reseal"] = [Password],
        ["export"] = [ExportMaster, ExportPassword, ExportConfirm],
        ["fast-settings"] = [FastClientSecret],
        ["alert-secret"] = [ChannelSecret],
        ["import"] = [ImportPassword],
        ["connect"] = [Secret, Passphrase, QrText],
        ["replace"] = [Secret, Passphrase],
        ["correct"] = [Secret, Passphrase],
    };

    /// <summary>The secret fields of the form named <paramref name="form"/>; none for a form not listed.</summary>
    public static IReadOnlyList<string> Of(string? form) =>
        form is not null && ByForm.TryGetValue(form, out var fields) ? fields : [];
}
