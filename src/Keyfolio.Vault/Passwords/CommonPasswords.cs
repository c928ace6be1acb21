using System.Collections.Frozen;

namespace Keyfolio.Vault.Passwords;

/// <summary>
/// The most common passwords, lower case: Keyfolio's own list (<c>common-passwords.txt</c>: digit strings, keyboard
/// walks and what tops every published study) and the 10,000 highest-ranked entries of the password frequency list
/// that the zxcvbn-core package carries (ranked by how often each appears in leaked password sets).
/// </summary>
internal static class CommonPasswords
{
    /// <summary>How many of zxcvbn's ranked passwords are refused; ASVS 5.0 asks for at least 3,000.</summary>
    public const int RankedEntries = 10_000;

    private const string RankedResource = "zxcvbn-core.Dictionaries.passwords.lst";

    private static readonly Lazy<FrozenSet<string>> Entries = new(Load);

    private static readonly Lazy<FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>> Lookup =
        new(() => Entries.Value.GetAlternateLookup<ReadOnlySpan<char>>());

    /// <summary>How many distinct passwords are refused as common.</summary>
    public static int Count => Entries.Value.Count;

    public static bool Contains(string lowerCasePassword) => Entries.Value.Contains(lowerCasePassword);

    /// <summary>Every entry.</summary>
    public static IEnumerable<string> All => Entries.Value;

    /// <summary>As <see cref="Contains(string)"/>, without making a string of the password.</summary>
    public static bool Contains(ReadOnlySpan<char> lowerCasePassword) => Lookup.Value.Contains(lowerCasePassword);

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("Keyfolio.Vault.Passwords.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the Keyfolio.Vault assembly.");
        using var reader = new StreamReader(stream);
        var entries = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length > 0 && !entry.StartsWith('#'))
            {
                entries.Add(entry);
            }
        }

        using var ranked = typeof(Zxcvbn.Zxcvbn).Assembly.GetManifestResourceStream(RankedResource)
            ?? throw new InvalidOperationException("The ranked password list is missing from the zxcvbn-core assembly.");
        using var rankedReader = new StreamReader(ranked);
        for (var rank = 0; rank < RankedEntries && rankedReader.ReadLine() is { } line; rank++)
        {
            var entry = line.Trim().ToLowerInvariant();
            if (entry.Length > 0)
            {
                entries.Add(entry);
            }
        }

        return entries.ToFrozenSet(StringComparer.Ordinal);
    }
}
