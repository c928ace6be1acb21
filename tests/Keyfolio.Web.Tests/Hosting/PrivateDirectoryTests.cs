using Keyfolio.Vault.Storage;
using Keyfolio.Web.Hosting;

namespace Keyfolio.Web.Tests.Hosting;

public sealed class PrivateDirectoryTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("keyfolio-private-").FullName;

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    [Fact]
    public void Data_directory_is_created_for_its_owner_only()
    {
        var path = Path.Combine(_parent, "nested", "data");

        PrivateDirectory.Ensure(path);

        Assert.True(Directory.Exists(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, OwnerOnlyMode.Directory);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void Existing_data_directory_is_kept_with_its_content()
    {
        var path = Path.Combine(_parent, "data");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "keyfolio.db"), "stored");

        PrivateDirectory.Ensure(path);

        Assert.Equal("stored", File.ReadAllText(Path.Combine(path, "keyfolio.db")));
    }
}
