using System.Globalization;

namespace Keyfolio.Exchanges;

/// <summary>A text meant for people, in English and Simplified Chinese.</summary>
public sealed record LocalizedText(string En, string Zh)
{
    /// <summary>The Chinese text for any <c>zh</c> culture, the English text otherwise.</summary>
    public string For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "zh" ? Zh : En;
    }

    public override string ToString() => En;
}
