using Keyfolio.Core.Settings;

namespace Keyfolio.Core.Tests.Security;

public sealed class ProcessHardeningTests
{
    [Fact]
    public void After_hardening_the_kernel_writes_no_core_dump_of_the_process_on_linux()
    {
        var disabled = ProcessHardening.DisableCoreDumps();

        Assert.Equal(OperatingSystem.IsLinux(), disabled);
        Assert.Equal(!OperatingSystem.IsLinux(), ProcessHardening.CoreDumpsAllowed());
    }
}
