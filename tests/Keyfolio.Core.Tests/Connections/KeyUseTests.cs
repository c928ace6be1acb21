using Keyfolio.Core.Connections;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Tests.Connections;

public sealed class KeyUseTests
{
    private static readonly Connection Gate = new()
    {
        Id = "conn-1",
        Label = "Gate",
        Exchange = ExchangeId.Gate,
        ApiKeyLastFour = "abcd",
        KeyFingerprint = "0011223344556677",
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task When_the_vault_locks_the_calls_stop_and_the_decrypted_copies_are_zeroed()
    {
        using var session = new CancellationTokenSource();
        var credentials = new KeyCredentials("gate-api-key", "gate-secret");
        using var use = KeyUse.Begin(session.Token, Gate, credentials, decrypted: true, CancellationToken.None);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = use.RunAsync<bool>(async (_, token) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return ExchangeResult<bool>.Success(true);
        });
        await started.Task;
        await session.CancelAsync();
        var stopped = await running;
        var calls = 0;
        var after = await use.RunAsync<bool>((_, _) =>
        {
            calls++;
            return Task.FromResult(ExchangeResult<bool>.Success(true));
        });

        Assert.Equal(CoreErrorKind.VaultLocked, stopped.Error?.Kind);
        Assert.Equal(CoreErrorKind.VaultLocked, after.Error?.Kind);
        Assert.Equal(0, calls);
        Assert.Throws<ObjectDisposedException>(() => credentials.Secret.Length);
        Assert.Throws<ObjectDisposedException>(() => use.Account.Credentials.Reveal((_, secret, _) => secret.Length));
    }

    [Fact]
    public void Credentials_the_caller_owns_are_left_to_it_and_only_the_copy_made_for_the_calls_is_zeroed()
    {
        using var session = new CancellationTokenSource();
        using var credentials = new KeyCredentials("gate-api-key", "gate-secret");
        using var use = KeyUse.Begin(session.Token, Gate, credentials, decrypted: false, CancellationToken.None);

        session.Cancel();

        Assert.Equal("gate-secret".Length, credentials.Secret.Length);
        Assert.Throws<ObjectDisposedException>(() => use.Account.Credentials.Reveal((_, secret, _) => secret.Length));
    }

    [Fact]
    public async Task A_use_begun_after_the_vault_locked_makes_no_call()
    {
        var credentials = new KeyCredentials("gate-api-key", "gate-secret");
        using var use = KeyUse.Begin(new CancellationToken(canceled: true), Gate, credentials, decrypted: true, CancellationToken.None);

        var result = await use.RunAsync<bool>((_, _) => throw new InvalidOperationException("no call may be made"));

        Assert.Equal(CoreErrorKind.VaultLocked, result.Error?.Kind);
        Assert.Throws<ObjectDisposedException>(() => credentials.Secret.Length);
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_not_mistaken_for_the_vault_locking()
    {
        using var session = new CancellationTokenSource();
        using var caller = new CancellationTokenSource();
        using var credentials = new KeyCredentials("gate-api-key", "gate-secret");
        using var use = KeyUse.Begin(session.Token, Gate, credentials, decrypted: false, caller.Token);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => use.RunAsync<bool>(async (_, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return ExchangeResult<bool>.Success(true);
        }));
    }
}
