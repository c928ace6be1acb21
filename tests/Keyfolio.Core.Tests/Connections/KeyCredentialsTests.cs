using Keyfolio.Core.Connections;
using Keyfolio.Exchanges;
using Keyfolio.Testing;

namespace Keyfolio.Core.Tests.Connections;

public sealed class KeyCredentialsTests
{
    [Fact]
    public void The_format_check_reads_the_secret_where_it_lies_and_leaves_no_copy_once_disposed()
    {
        Assert.True(ProcessMemory.IsReadable, "This test reads /proc/self/mem; run it on Linux.");
        var secret = GC.AllocateArray<char>(64, pinned: true);
        var memory = ProcessMemory.RandomHexSecret(secret);
        var credentials = new KeyCredentials("0123456789abcdef0123456789abcdef", secret);
        Array.Clear(secret);

        var check = credentials.Check(ExchangeCatalog.Get(ExchangeId.Gate));
        credentials.Dispose();

        Assert.True(check.IsValid);
        Assert.Equal(0, memory.CountCopies());
    }

    [Fact]
    public void A_payload_read_back_from_the_vault_leaves_no_copy_once_disposed()
    {
        Assert.True(ProcessMemory.IsReadable, "This test reads /proc/self/mem; run it on Linux.");
        var secret = GC.AllocateArray<char>(64, pinned: true);
        var memory = ProcessMemory.RandomHexSecret(secret);
        var credentials = new KeyCredentials("0123456789abcdef0123456789abcdef", secret);
        Array.Clear(secret);
        var payload = credentials.ToPayload(new ExchangeEndpoint(ExchangeId.Gate));
        credentials.Dispose();

        var (read, endpoint) = KeyCredentials.FromPayload(payload);
        KeyCredentials.Zero(payload);
        var check = read.Check(ExchangeCatalog.Get(endpoint.Exchange));
        read.Dispose();

        Assert.True(check.IsValid);
        Assert.Equal(0, memory.CountCopies());
    }
}
