using System.Runtime.CompilerServices;

namespace Keyfolio.Cli.Tests.Support;

/// <summary>
/// Points KEYFOLIO_HOME of this test process at a throwaway directory, so commands run in-process (serve) never touch
/// the data directory of the person running the tests. Child processes get their own (<see cref="KeyfolioProcess"/>).
/// </summary>
internal static class ThrowawayHome
{
    [ModuleInitializer]
    internal static void Use()
    {
        var home = Directory.CreateTempSubdirectory("keyfolio-cli-tests-").FullName;
        Environment.SetEnvironmentVariable(Keyfolio.Core.Storage.DataDirectory.EnvironmentVariable, home);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(home, recursive: true);
            }
            catch (IOException)
            {
                // A file still open at exit stays in the temporary folder.
            }
        };
    }
}
