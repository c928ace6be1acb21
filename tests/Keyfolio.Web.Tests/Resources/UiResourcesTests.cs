using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Keyfolio.Web.Resources;

namespace Keyfolio.Web.Tests.Resources;

public sealed partial class UiResourcesTests
{
    private static readonly ResourceManager Texts = new(typeof(Ui).FullName!, typeof(Ui).Assembly);

    [Fact]
    public void Every_text_exists_in_english_and_simplified_chinese_and_none_is_empty()
    {
        var english = Read(CultureInfo.InvariantCulture);
        var chinese = Read(CultureInfo.GetCultureInfo("zh-Hans"));

        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), chinese.Keys.Order(StringComparer.Ordinal));
        Assert.All(english, text => Assert.False(string.IsNullOrWhiteSpace(text.Value), text.Key + " is empty in English."));
        Assert.All(chinese, text => Assert.False(string.IsNullOrWhiteSpace(text.Value), text.Key + " is empty in Chinese."));
    }

    [Fact]
    public void Placeholders_match_between_the_languages()
    {
        var english = Read(CultureInfo.InvariantCulture);
        var chinese = Read(CultureInfo.GetCultureInfo("zh-Hans"));

        Assert.All(english, text => Assert.Equal(Placeholders(text.Value), Placeholders(chinese[text.Key])));
    }

    [Fact]
    public void Every_text_the_components_ask_for_exists()
    {
        var known = Read(CultureInfo.InvariantCulture).Keys.ToHashSet(StringComparer.Ordinal);
        var components = Path.Combine(RepositoryRoot(), "src", "Keyfolio.Web", "Components");

        var used = Directory.EnumerateFiles(components, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => UsedKey().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Key: m.Groups[1].Value)))
            .ToList();

        Assert.NotEmpty(used);
        Assert.All(used, use => Assert.True(known.Contains(use.Key), use.File + " asks for the missing text " + use.Key));
    }

    private static Dictionary<string, string> Read(CultureInfo culture)
    {
        var set = Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException("No texts for " + culture.Name);
        return set.Cast<DictionaryEntry>().ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!, StringComparer.Ordinal);
    }

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Keyfolio.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Keyfolio.slnx was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    // T["Home.Title"], and the keys that code blocks list beside a value: new("unlock", "Nav.Unlock").
    [GeneratedRegex(@"(?:T\[|new\(""[^""]*"", )""([A-Z][A-Za-z]*(?:\.[A-Z][A-Za-z]*)+)""")]
    private static partial Regex UsedKey();
}
