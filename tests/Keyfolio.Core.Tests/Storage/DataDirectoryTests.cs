using Keyfolio.Core.Storage;

namespace Keyfolio.Core.Tests.Storage;

public sealed class DataDirectoryTests
{
    [Fact]
    public void KEYFOLIO_HOME_wins_when_set()
    {
        var home = Path.Combine(Path.GetTempPath(), "kf-home");
        var resolved = DataDirectory.Resolve(name => name == DataDirectory.EnvironmentVariable ? home : null);
        Assert.Equal(Path.GetFullPath(home), resolved);
    }

    [Fact]
    public void Without_KEYFOLIO_HOME_the_per_user_data_folder_is_used()
    {
        var resolved = DataDirectory.Resolve(_ => null);
        Assert.Equal("keyfolio", Path.GetFileName(resolved));
        Assert.True(Path.IsPathRooted(resolved));
    }

    [Fact]
    public void A_blank_KEYFOLIO_HOME_is_ignored()
    {
        var resolved = DataDirectory.Resolve(name => name == DataDirectory.EnvironmentVariable ? "   " : null);
        Assert.Equal("keyfolio", Path.GetFileName(resolved));
    }
}
