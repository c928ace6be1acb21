using System.Collections.Frozen;

namespace Keyfolio.Vault.Passwords;

/// <summary>The bundled list of the most common passwords (<c>common-passwords.txt</c>), lower case.</summary>
internal static class CommonPasswords
{
    private static readonly Lazy<FrozenSet<string>> Entries = new(Load);

    public static bool Contains(string lowerCasePassword) => Entries.Value.Contains(lowerCasePassword);

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

        return entries.ToFrozenSet(StringComparer.Ordinal);
    }
}
