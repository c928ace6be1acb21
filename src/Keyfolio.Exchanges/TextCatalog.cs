using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Resources;

namespace Keyfolio.Exchanges;

/// <summary>
/// The texts of one resource file and its language files (<c>Texts.resx</c>, <c>Texts.zh-Hans.resx</c>, …), looked up by key.
/// Each catalog is known by its <see cref="BaseName"/>, so a text stored with that name finds its catalog again (<see cref="Find"/>).
/// </summary>
public sealed class TextCatalog
{
    private const string ResourceExtension = ".resources";

    private static readonly ConcurrentDictionary<string, TextCatalog> Known = new(StringComparer.Ordinal);

    private readonly ResourceManager _resources;
    private readonly Lazy<IReadOnlyList<string>> _keys;

    /// <param name="baseName">The resource's manifest name without culture and extension, such as <c>Keyfolio.Core.Resources.Texts</c>.</param>
    /// <param name="assembly">The assembly the neutral (English) file is embedded in.</param>
    public TextCatalog(string baseName, Assembly assembly)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseName);
        ArgumentNullException.ThrowIfNull(assembly);
        BaseName = baseName;
        _resources = new ResourceManager(baseName, assembly);
        _keys = new Lazy<IReadOnlyList<string>>(ReadKeys);
        Known.TryAdd(baseName, this);
    }

    public string BaseName { get; }

    /// <summary>Every key of the English file, in order.</summary>
    public IReadOnlyList<string> Keys => _keys.Value;

    /// <summary>
    /// The catalog named <paramref name="baseName"/>: the one made under that name, or else one over the resource of that name
    /// embedded in a loaded Keyfolio assembly (a catalog whose class has not been used yet); null when there is none.
    /// </summary>
    public static TextCatalog? Find(string baseName)
    {
        if (string.IsNullOrEmpty(baseName))
        {
            return null;
        }

        if (Known.TryGetValue(baseName, out var known))
        {
            return known;
        }

        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(candidate => Embeds(candidate, baseName));
        if (assembly is null)
        {
            return null;
        }

        _ = new TextCatalog(baseName, assembly);
        return Known[baseName];
    }

    /// <summary>The catalogs of every resource file embedded in <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<TextCatalog> In(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return
        [
            .. assembly.GetManifestResourceNames()
                .Where(name => name.EndsWith(ResourceExtension, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(name => Find(name[..^ResourceExtension.Length]))
                .OfType<TextCatalog>(),
        ];
    }

    /// <summary>True when the English file has <paramref name="key"/>.</summary>
    public bool Contains(string key) => !string.IsNullOrEmpty(key) && _resources.GetString(key, CultureInfo.InvariantCulture) is not null;

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
    public string Pattern(string key, CultureInfo culture) =>
        _resources.GetString(key, culture)
        ?? throw new MissingManifestResourceException($"The text '{key}' is missing from {BaseName}.resx.");

    // Only Keyfolio's own assemblies, and only one whose name the resource's name starts with, as the build names them.
    private static bool Embeds(Assembly assembly, string baseName) =>
        !assembly.IsDynamic
        && assembly.GetName().Name is { } name
        && name.StartsWith("Keyfolio.", StringComparison.Ordinal)
        && baseName.StartsWith(name + ".", StringComparison.Ordinal)
        && assembly.GetManifestResourceNames().Contains(baseName + ResourceExtension, StringComparer.Ordinal);

    private List<string> ReadKeys()
    {
        var set = _resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false);
        return set is null
            ? []
            : [.. set.Cast<DictionaryEntry>().Where(entry => entry.Value is string).Select(entry => (string)entry.Key).Order(StringComparer.Ordinal)];
    }
}
