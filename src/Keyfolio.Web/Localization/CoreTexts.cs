using System.Globalization;
using Keyfolio.Exchanges;

namespace Keyfolio.Web.Localization;

/// <summary>The core's bilingual texts in the language of the current request.</summary>
public static class CoreTexts
{
    /// <summary>The text in the request's language: Chinese for a Chinese culture, English otherwise.</summary>
    public static string Current(this LocalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.For(CultureInfo.CurrentUICulture);
    }
}
