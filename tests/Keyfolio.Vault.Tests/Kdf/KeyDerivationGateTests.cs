using Keyfolio.Vault.Kdf;

namespace Keyfolio.Vault.Tests.Kdf;

public sealed class KeyDerivationGateTests
{
    [Fact]
    public async Task Only_one_derivation_runs_at_a_time_and_the_next_starts_when_it_ends()
    {
        using var gate = new KeyDerivationGate();
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new ManualResetEventSlim();
        var secondStarted = false;

        var first = gate.RunAsync(() => { firstStarted.SetResult(); releaseFirst.Wait(); return 1; }, CancellationToken.None);
        await firstStarted.Task;
        var second = gate.RunAsync(() => { secondStarted = true; return 2; }, CancellationToken.None);

        Assert.True(gate.IsBusy);
        Assert.False(second.IsCompleted);
        Assert.False(Volatile.Read(ref secondStarted));
        releaseFirst.Set();
        Assert.Equal(1, await first);
        Assert.Equal(2, await second);
        Assert.True(Volatile.Read(ref secondStarted));
        Assert.False(gate.IsBusy);
    }

    [Fact]
    public async Task A_waiting_caller_can_give_up()
    {
        using var gate = new KeyDerivationGate();
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new ManualResetEventSlim();
        var first = gate.RunAsync(() => { firstStarted.SetResult(); releaseFirst.Wait(); return 1; }, CancellationToken.None);
        await firstStarted.Task;
        using var cancellation = new CancellationTokenSource();

        var waiting = gate.RunAsync(() => 2, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        releaseFirst.Set();
        Assert.Equal(1, await first);
    }
}
