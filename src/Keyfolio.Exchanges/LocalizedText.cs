using System.Globalization;

namespace Keyfolio.Exchanges;

/// <summary>
/// A text meant for people: a key in a <see cref="TextCatalog"/> with the values for its placeholders, shown in any language
/// the catalog has files for. Values that are texts themselves are shown in the same language.
/// </summary>
public sealed class LocalizedText : IEquatable<LocalizedText>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo SimplifiedChinese = CultureInfo.GetCultureInfo("zh-Hans");

    private readonly TextCatalog? _catalog;
    private readonly string _key;
    private readonly object?[] _args;
    private readonly LocalizedText? _separator;

    internal LocalizedText(TextCatalog catalog, string key, object?[] args)
        : this(catalog, key, args, null)
    {
    }

    private LocalizedText(TextCatalog? catalog, string key, object?[] args, LocalizedText? separator)
    {
        _catalog = catalog;
        _key = key;
        _args = args;
        _separator = separator;
    }

    /// <summary>A text written the same in every language, such as an exchange's name or an error code it returned.</summary>
    public static LocalizedText Same(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new LocalizedText(null, text, [], null);
    }

    /// <summary>The texts one after another, with <paramref name="separator"/> (itself a text, as the languages differ) between them.</summary>
    public static LocalizedText Join(LocalizedText separator, IEnumerable<LocalizedText> texts)
    {
        ArgumentNullException.ThrowIfNull(separator);
        ArgumentNullException.ThrowIfNull(texts);
        return new LocalizedText(null, string.Empty, [.. texts], separator);
    }

    /// <summary>Names or codes as a list, "a, b, c" in English, with the list separator of each language.</summary>
    public static LocalizedText List(IEnumerable<string> items) => List(items.Select(Same));

    /// <summary>Texts as a list, "a, b, c" in English, with the list separator of each language.</summary>
    public static LocalizedText List(IEnumerable<LocalizedText> items) => Join(Texts.Of("ListSeparator"), items);

    /// <summary>Names or codes as alternatives, "a or b".</summary>
    public static LocalizedText Alternatives(IEnumerable<string> items) => Join(Texts.Of("OrSeparator"), items.Select(Same));

    /// <summary>The catalog the text is looked up in; null for a text the same in every language and for a joined one.</summary>
    public TextCatalog? Catalog => _catalog;

    /// <summary>The text's key in its <see cref="Catalog"/>; for a text the same in every language, the text itself; empty for a joined one.</summary>
    public string Key => _key;

    /// <summary>The values for the placeholders; for a joined text, the texts joined.</summary>
    public IReadOnlyList<object?> Arguments => Array.AsReadOnly(_args);

    /// <summary>For a joined text (<see cref="Join"/>, <see cref="List(IEnumerable{LocalizedText})"/>), what stands between its texts; otherwise null.</summary>
    public LocalizedText? Separator => _separator;

    /// <summary>The text in <paramref name="culture"/>, its placeholders filled with the values formatted for that culture.</summary>
    public string For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (_separator is not null)
        {
            return string.Join(_separator.For(culture), _args.Select(text => ((LocalizedText)text!).For(culture)));
        }

        if (_catalog is null)
        {
            return _key;
        }

        var values = _args.Select(value => value is LocalizedText text ? new Shown(text.For(culture)) : value).ToArray();
        return string.Format(culture, _catalog.Pattern(_key, culture), values);
    }

    /// <summary>The English text.</summary>
    public override string ToString() => For(English);

    /// <summary>
    /// Texts are equal when they read the same in English and Simplified Chinese, the two languages a text is recorded in
    /// (see <c>RecordedText</c> in the core), so a diagnosis read back from the database equals the one just made.
    /// </summary>
    public bool Equals(LocalizedText? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (string.Equals(For(English), other.For(English), StringComparison.Ordinal)
                && string.Equals(For(SimplifiedChinese), other.For(SimplifiedChinese), StringComparison.Ordinal)));

    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(For(English));

    /// <summary>A text placed in another; <c>{0:lower}</c> places it in lower case, as English does with a label inside a sentence.</summary>
    private sealed class Shown(string text) : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) =>
            format == "lower" ? text.ToLower((formatProvider as CultureInfo) ?? CultureInfo.InvariantCulture) : text;

        public override string ToString() => text;
    }

    public static bool operator ==(LocalizedText? left, LocalizedText? right) => Equals(left, right);

    public static bool operator !=(LocalizedText? left, LocalizedText? right) => !Equals(left, right);
}
