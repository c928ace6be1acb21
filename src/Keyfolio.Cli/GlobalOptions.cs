using System.CommandLine;
using Keyfolio.Core.Settings;

namespace Keyfolio.Cli;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the result as JSON for scripts (stable fields, documented in docs/cli.md).",
        Recursive = true,
    };

    public static readonly Option<string?> Language = new("--lang")
    {
        Description = "Language of messages and tables: en, zh (Simplified Chinese), zh-Hant (Traditional Chinese), ja or ko (default: the saved setting, else the system's).",
        Recursive = true,
        HelpName = "en|zh|zh-Hant|ja|ko",
    };

    public static readonly Option<FileInfo?> PasswordFile = new("--password-file")
    {
        Description = "Read the master password from this file (first line) instead of prompting; KEYFOLIO_PASSWORD_FILE does the same.",
        Recursive = true,
        HelpName = "FILE",
    };

    static GlobalOptions()
    {
        Language.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !Languages.Names.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"--lang '{value}' is not a language Keyfolio speaks: use {string.Join(", ", Languages.Names)} (zh is Simplified Chinese).");
            }
        });
    }
}
