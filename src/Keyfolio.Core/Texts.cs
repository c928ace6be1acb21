using Keyfolio.Exchanges;

namespace Keyfolio.Core;

/// <summary>The texts of Keyfolio.Core: Resources/Texts.resx and its language files (Texts.zh-Hans.resx, …).</summary>
internal static class Texts
{
    public static TextCatalog Catalog { get; } = new("Keyfolio.Core.Resources.Texts", typeof(Texts).Assembly);

    public static LocalizedText Of(string key, params object?[] args) => Catalog.Of(key, args);
}
