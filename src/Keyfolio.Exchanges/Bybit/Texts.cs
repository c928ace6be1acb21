namespace Keyfolio.Exchanges.Bybit;

/// <summary>Bybit's own texts: Texts.resx beside this file, and its language files (Texts.zh-Hans.resx, …).</summary>
internal static class Texts
{
    private static readonly TextCatalog Catalog = new("Keyfolio.Exchanges.Bybit.Texts", typeof(Texts).Assembly);

    public static LocalizedText Of(string key, params object?[] args) => Catalog.Of(key, args);
}
