using System.CommandLine;

namespace Keyfolio.Cli.Tests;

public sealed class HelpTests
{
    [Fact]
    public void Help_describes_keyfolio_and_exits_zero()
    {
        using var output = new StringWriter();

        var exitCode = KeyfolioCommandLine.Build().Parse(["--help"]).Invoke(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        Assert.Contains("crypto-exchange accounts by API key", output.ToString(), StringComparison.Ordinal);
    }
}
