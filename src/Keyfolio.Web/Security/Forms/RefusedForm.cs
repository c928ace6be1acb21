using Keyfolio.Core;

namespace Keyfolio.Web.Security.Forms;

/// <summary>
/// A form the page refused, as it showed it: the error (by field) and the values typed that are no secret. A secret,
/// a password, a passphrase or a QR code's text is never one of the values: those fields come back empty and ask for
/// the value again.
/// </summary>
public sealed class RefusedForm
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public RefusedForm(string formName, CoreError? error)
    {
        ArgumentException.ThrowIfNullOrEmpty(formName);
        FormName = formName;
        Error = error;
    }

    /// <summary>The <c>@formname</c> of the form refused.</summary>
    public string FormName { get; }

    public CoreError? Error { get; }

    /// <summary>The characters the values take, for the store's bound.</summary>
    public int Size => _values.Sum(v => v.Key.Length + v.Value.Length);

    /// <summary>Keeps the value typed in <paramref name="name"/> (nothing for null); the caller never passes a secret.</summary>
    public RefusedForm With(string name, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (value is not null)
        {
            _values[name] = value;
        }

        return this;
    }

    /// <summary>Keeps a choice the form made (a checkbox).</summary>
    public RefusedForm With(string name, bool value) => With(name, value ? "true" : "false");

    /// <summary>The value kept under <paramref name="name"/>, or null.</summary>
    public string? Value(string name) => _values.GetValueOrDefault(name);

    /// <summary>Whether the choice kept under <paramref name="name"/> was made.</summary>
    public bool IsSet(string name) => _values.TryGetValue(name, out var value) && value == "true";

    public override string ToString() => $"RefusedForm {{ {FormName}, {Error?.Kind.ToString() ?? "no error"}, {_values.Count} values }}";
}
