using System.Globalization;
using System.Reflection;
using System.Resources;

namespace Keyfolio.Exchanges;

/// <summary>
/// The texts of one resource file and its language files (<c>Texts.resx</c>, <c>Texts.zh-Hans.resx</c>, …), looked up by key.
/// </summary>
public sealed class TextCatalog
{
    private readonly ResourceManager _resources;

    /// <param name="baseName">The resource's manifest name without culture and extension, such as <c>Keyfolio.Core.Resources.Texts</c>.</param>
    /// <param name="assembly">The assembly the neutral (English) file is embedded in.</param>
    public TextCatalog(string baseName, Assembly assembly)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseName);
        ArgumentNullException.ThrowIfNull(assembly);
        BaseName = baseName;
        _resources = new ResourceManager(baseName, assembly);
    }

    public string BaseName { get; }

    /// <summary>The text under <paramref name="key"/>, its <c>{0}</c>, <c>{1}</c>… filled with <paramref name="args"/> when it is shown.</summary>
    public LocalizedText Of(string key, params object?[] args)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(args);
        return new LocalizedText(this, key, args);
    }

    /// <summary>
    /// The pattern of <paramref name="key"/> in <paramref name="culture"/> or the nearest parent culture that has it (zh-Hant falls
    /// back to zh, then to English; it never borrows zh-Hans). A key missing even from the English file is a defect and throws.
    /// </summary>
    internal string Pattern(string key, CultureInfo culture) =>
        _resources.GetString(key, culture)
        ?? throw new MissingManifestResourceException($"The text '{key}' is missing from {BaseName}.resx.");
}
