using Keyfolio.Core.Storage;

namespace Keyfolio.Core.Tests.Storage;

/// <summary>One server per data directory: the lock is refused while held, names its holder, and is free again once released.</summary>
public sealed class ServingLockTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keyfolio-serving-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_held_lock_is_refused_naming_its_holder_and_taken_again_once_released()
    {
        var time = new Keyfolio.Testing.ManualTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero));

        var first = ServingLock.TryTake(_directory, "keyfolio serve at http://127.0.0.1:5080", time, out var freeAtFirst);
        var second = ServingLock.TryTake(_directory, "keyfolio restore", time, out var heldBy);
        first?.Dispose();
        using var third = ServingLock.TryTake(_directory, "keyfolio restore", time, out var freeAfterwards);

        Assert.NotNull(first);
        Assert.Null(freeAtFirst);
        Assert.Null(second);
        Assert.Equal($"keyfolio serve at http://127.0.0.1:5080 (process {Environment.ProcessId}, since 2026-12-07 09:30:00 UTC)", heldBy);
        Assert.NotNull(third);
        Assert.Null(freeAfterwards);
    }

    [Fact]
    public void The_lock_files_are_the_owners_alone()
    {
        Assert.False(OperatingSystem.IsWindows(), "Unix file modes: run it on Linux or macOS.");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var held = ServingLock.TryTake(_directory, "keyfolio serve", TimeProvider.System, out _);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, ServingLock.FileName)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, ServingLock.HolderFileName)));
    }
}
