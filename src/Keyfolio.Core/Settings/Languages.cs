using System.Globalization;

namespace Keyfolio.Core.Settings;

/// <summary>
/// The languages Keyfolio speaks, by the names the command line's <c>--lang</c> and the saved language setting use:
/// <c>zh</c> is Simplified Chinese (the setting's name from before Traditional Chinese was added), the others are culture names.
/// </summary>
public static class Languages
{
    /// <summary>The names, English (the default) first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["en", "zh", "zh-Hant", "ja", "ko"];

    /// <summary>The culture of a language name (<c>zh-Hans</c> is read as <c>zh</c>), or null for a name Keyfolio does not speak.</summary>
    public static CultureInfo? Culture(string? name) => name?.ToUpperInvariant() switch
    {
        "EN" => CultureInfo.GetCultureInfo("en"),
        "ZH" or "ZH-HANS" => CultureInfo.GetCultureInfo("zh-Hans"),
        "ZH-HANT" => CultureInfo.GetCultureInfo("zh-Hant"),
        "JA" => CultureInfo.GetCultureInfo("ja"),
        "KO" => CultureInfo.GetCultureInfo("ko"),
        _ => null,
    };

    /// <summary>The name of the supported language <paramref name="culture"/> belongs to (zh-TW is zh-Hant, ja-JP is ja), or null.</summary>
    public static string? NameOf(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        for (var current = culture; !string.IsNullOrEmpty(current.Name); current = current.Parent)
        {
            if (current.Name is "zh" or "zh-Hans")
            {
                return "zh";
            }

            if (Names.Contains(current.Name, StringComparer.OrdinalIgnoreCase))
            {
                return Names.First(name => string.Equals(name, current.Name, StringComparison.OrdinalIgnoreCase));
            }
        }

        return null;
    }
}
