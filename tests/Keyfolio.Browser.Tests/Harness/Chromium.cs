using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Harness;

/// <summary>
/// Starts the Chromium the machine has (Debian's package, or KEYFOLIO_CHROMIUM); Playwright never downloads a
/// browser here. A missing browser fails the tests with what to install, never skips them.
/// </summary>
public static class Chromium
{
    public const string EnvironmentVariable = "KEYFOLIO_CHROMIUM";

    public const string DebianPath = "/usr/bin/chromium";

    public static readonly string[] LaunchArguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    public static string ExecutablePath
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
            var path = string.IsNullOrWhiteSpace(configured) ? DebianPath : configured.Trim();
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    "Chromium was not found at " + path + ". The browser tests need it: run ./test.sh (it installs Debian's "
                    + "'chromium' package when it can), or 'sudo apt-get install chromium', or set " + EnvironmentVariable
                    + " to a Chromium or Chrome binary.");
            }

            return path;
        }
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, params string[] extraArguments) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = [.. LaunchArguments, .. extraArguments],
        });
}
