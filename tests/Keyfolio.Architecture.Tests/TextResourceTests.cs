using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Keyfolio.Architecture.Tests;

/// <summary>
/// Texts for people live in resource files, one set per project (<c>Resources/Texts.resx</c>) and per exchange folder
/// (<c>Texts.resx</c> beside the exchange's code), each with its language files (<c>Texts.zh-Hans.resx</c>, …). Code names
/// a text by its key, <c>Texts.Of("Key", …)</c>, and the key is looked up in the nearest catalog up the folder tree.
/// </summary>
public sealed partial class TextResourceTests
{
    private static readonly string Root = ProjectGraph.Load().Root;

    /// <summary>
    /// Keys whose translations deliberately use other values than the English: the English is a message that comes whole
    /// from elsewhere (<c>{0}</c>: the vault's, the audit log's, a setting check's, an alert as it was recorded), or the
    /// translation names the exchange's right in its own words instead of quoting the exchange's English label.
    /// </summary>
    private static readonly Dictionary<string, string> PlaceholderExceptions = new(StringComparer.Ordinal)
    {
        ["src/Keyfolio.Core/Resources/Texts.resx:VaultWrongPassword"] = "the vault's English message; the translation says it and adds the wait",
        ["src/Keyfolio.Core/Resources/Texts.resx:VaultWrongRecoveryKey"] = "the vault's English message, said in the translation's words",
        ["src/Keyfolio.Core/Resources/Texts.resx:VaultMalformedRecoveryKey"] = "the vault's English message, said in the translation's words",
        ["src/Keyfolio.Core/Resources/Texts.resx:VaultHeaderAltered"] = "the vault's English message, said in the translation's words",
        ["src/Keyfolio.Core/Resources/Texts.resx:VaultConcurrentChange"] = "the vault's English message, said in the translation's words",
        ["src/Keyfolio.Core/Resources/Texts.resx:StoredCredentialsUnreadable"] = "the parser's English message, said in the translation's words",
        ["src/Keyfolio.Core/Resources/Texts.resx:EmailHostRejected"] = "the e-mail settings' English message, said in the translation's words",
        ["src/Keyfolio.Core/Resources/Texts.resx:EmailPortRejected"] = "the e-mail settings' English message, said in the translation's words",
        ["src/Keyfolio.Core/Resources/Texts.resx:EmailSecurityRejected"] = "the e-mail settings' English message, said in the translation's words",
        ["src/Keyfolio.Core/Resources/Texts.resx:EmailFromRejected"] = "the e-mail settings' English message, said in the translation's words",
        ["src/Keyfolio.Core/Resources/Texts.resx:EmailToRejected"] = "the e-mail settings' English message, said in the translation's words",
        ["src/Keyfolio.Core/Resources/Texts.resx:EmailCertificateRejected"] = "the e-mail settings' English message, said in the translation's words",
        ["src/Keyfolio.Core/Resources/Texts.resx:RecordedText"] = "an alert as recorded: {0} its English, {1} its Simplified Chinese",
        ["src/Keyfolio.Cli/Resources/Texts.resx:AuditLogIntact"] = "the audit log's English summary; the translation counts the entries itself",
        ["src/Keyfolio.Exchanges/Bitfinex/Texts.resx:OnBitfinexAPIKeysCannot"] = "the translation names the withdrawal right in its own words",
        ["src/Keyfolio.Exchanges/Bybit/Texts.resx:OnBybitOpenAPIManagement"] = "the translation names the withdrawal right in its own words",
        ["src/Keyfolio.Exchanges/Gate/Texts.resx:OnGateOpenAPIManagement"] = "the translation names the withdrawal right in its own words",
        ["src/Keyfolio.Exchanges/Htx/Texts.resx:OnHTXOpenAPIManagement"] = "the translation names the withdrawal right in its own words",
        ["src/Keyfolio.Exchanges/Okx/Texts.resx:OnOKXOpenAPIEdit"] = "the translation names the withdrawal right in its own words",
    };

    /// <summary>Files that may hold CJK characters, each for its reason.</summary>
    private static readonly Dictionary<string, string> CjkExceptions = new(StringComparer.Ordinal)
    {
        ["src/Keyfolio.Exchanges/Htx/HtxErrors.cs"] = "HTX answers with Chinese error messages, which are matched as HTX writes them",
        ["src/Keyfolio.Simulator/Exchanges/Htx/HtxSite.cs"] = "the simulated HTX answers with HTX's own Chinese error messages",
        ["src/Keyfolio.Cli/Commands/DemoKeysToTry.cs"] = "the demo's key file is written once, in English and Chinese side by side, whatever the session's language",
    };

    public static TheoryData<string> Catalogs() => [.. NeutralFiles()];

    [Theory]
    [MemberData(nameof(Catalogs))]
    public void Every_language_file_has_the_keys_and_placeholders_of_the_English_file(string neutral)
    {
        var english = Read(neutral);
        var problems = new List<string>();
        foreach (var translation in LanguageFiles(neutral))
        {
            var translated = Read(translation);
            problems.AddRange(english.Keys.Except(translated.Keys).Select(key => $"{translation}: {key} is missing"));
            problems.AddRange(translated.Keys.Except(english.Keys).Select(key => $"{translation}: {key} is not in {neutral}"));
            foreach (var (key, value) in translated.Where(t => english.ContainsKey(t.Key)))
            {
                if (!PlaceholderExceptions.ContainsKey($"{neutral}:{key}") && !Placeholders(value).SetEquals(Placeholders(english[key])))
                {
                    problems.Add($"{translation}: {key} has the placeholders {Show(Placeholders(value))}, the English {Show(Placeholders(english[key]))}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Every_key_the_code_names_is_in_its_catalog_and_every_key_is_named()
    {
        var used = NeutralFiles().Where(file => file.EndsWith("/Texts.resx", StringComparison.Ordinal)).ToDictionary(file => file, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var file in CodeFiles())
        {
            var catalog = CatalogFor(file);
            foreach (Match match in TextKey().Matches(File.ReadAllText(Path.Combine(Root, file))))
            {
                var key = match.Groups["key"].Value;
                if (catalog is null || !Read(catalog).ContainsKey(key))
                {
                    problems.Add($"{file}: \"{key}\" is not in {catalog ?? "any Texts.resx"}");
                }
                else
                {
                    used[catalog].Add(key);
                }
            }
        }

        foreach (var (catalog, keys) in used)
        {
            problems.AddRange(Read(catalog).Keys.Where(key => !keys.Contains(key)).Select(key => $"{catalog}: {key} is named by no code"));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void No_code_holds_Chinese_Japanese_or_Korean_text()
    {
        var found = CodeFiles()
            .Where(file => !CjkExceptions.ContainsKey(file))
            .SelectMany(file => File.ReadAllLines(Path.Combine(Root, file)).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => Cjk().IsMatch(l.line))
            .Select(l => $"{l.file}:{l.number}: {l.line.Trim()}")
            .ToList();

        Assert.True(found.Count == 0, "Texts for people belong in the resource files:\n" + string.Join('\n', found));
        Assert.All(CjkExceptions.Keys, file => Assert.True(File.Exists(Path.Combine(Root, file)), $"{file} is listed but does not exist."));
    }

    /// <summary>The catalog of a file: the nearest Texts.resx up its folders within the project, else the project's Resources/Texts.resx.</summary>
    private static string? CatalogFor(string file)
    {
        var parts = file.Split('/');
        var project = string.Join('/', parts.Take(2));
        for (var depth = parts.Length - 1; depth > 2; depth--)
        {
            var candidate = string.Join('/', parts.Take(depth)) + "/Texts.resx";
            if (File.Exists(Path.Combine(Root, candidate)))
            {
                return candidate;
            }
        }

        var shared = project + "/Resources/Texts.resx";
        return File.Exists(Path.Combine(Root, shared)) ? shared : null;
    }

    private static IEnumerable<string> NeutralFiles() =>
        SourceFiles("*.resx").Where(file => Path.GetFileNameWithoutExtension(file).IndexOf('.', StringComparison.Ordinal) < 0);

    private static IEnumerable<string> LanguageFiles(string neutral)
    {
        var stem = neutral[..^".resx".Length] + ".";
        return SourceFiles("*.resx").Where(file => file.StartsWith(stem, StringComparison.Ordinal) && file.IndexOf('/', stem.Length) < 0);
    }

    private static IEnumerable<string> CodeFiles() => SourceFiles("*.cs").Concat(SourceFiles("*.razor"));

    private static IEnumerable<string> SourceFiles(string pattern) =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), pattern, SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(part => part is "bin" or "obj" or "node_modules"))
            .Order(StringComparer.Ordinal);

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Root, file)).Root!.Elements("data")
            .ToDictionary(data => (string)data.Attribute("name")!, data => (string?)data.Element("value") ?? string.Empty, StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string value) =>
        [.. Placeholder().Matches(value.Replace("{{", string.Empty, StringComparison.Ordinal).Replace("}}", string.Empty, StringComparison.Ordinal)).Select(m => m.Groups["index"].Value)];

    private static string Show(HashSet<string> placeholders) => "{" + string.Join("} {", placeholders.Order(StringComparer.Ordinal)) + "}";

    [GeneratedRegex("""\bTexts\.Of\(\s*"(?<key>[^"]+)"\s*[,)]""")]
    private static partial Regex TextKey();

    [GeneratedRegex(@"\{(?<index>\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[\u3000-\u9FFF\uAC00-\uD7AF\uFF00-\uFFEF]")]
    private static partial Regex Cjk();
}
