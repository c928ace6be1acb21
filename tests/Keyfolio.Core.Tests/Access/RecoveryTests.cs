using System.Globalization;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Testing;
using Keyfolio.Vault;

namespace Keyfolio.Core.Tests.Access;

public sealed class RecoveryTests
{
    [Fact]
    public async Task The_recovery_key_sets_a_new_master_password_and_leaves_the_vault_locked()
    {
        await using var harness = await CoreHarness.StartAsync(createVault: false);
        var created = await harness.Vault.CreateAsync(CoreHarness.Password, withRecoveryKey: true, CancellationToken.None);
        using var recoveryKey = created.Value!;
        var text = recoveryKey.ToDisplayString();

        var recovered = await harness.Vault.RecoverAsync(text.ToLowerInvariant(), "new-copper-orchard-71", CancellationToken.None);
        var lockedAfter = harness.Vault.IsUnlocked;
        var oldPassword = await harness.Vault.UnlockAsync(CoreHarness.Password, CancellationToken.None);
        var newPassword = await harness.Vault.UnlockAsync("new-copper-orchard-71", CancellationToken.None);

        Assert.True(recovered.IsSuccess, recovered.Error?.ToString());
        Assert.False(lockedAfter);
        Assert.Equal(CoreErrorKind.WrongPassword, oldPassword.Error?.Kind);
        Assert.True(newPassword.IsSuccess, newPassword.Error?.ToString());
        Assert.True((await harness.Vault.GetInfoAsync(CancellationToken.None)).Value!.HasRecoveryKey);
    }

    [Fact]
    public async Task A_mistyped_recovery_key_is_bad_input_and_one_from_another_vault_is_refused()
    {
        await using var harness = await CoreHarness.StartAsync(createVault: false);
        await harness.Vault.CreateAsync(CoreHarness.Password, withRecoveryKey: true, CancellationToken.None);
        await using var other = await CoreHarness.StartAsync(createVault: false);
        var foreign = await other.Vault.CreateAsync(CoreHarness.Password, withRecoveryKey: true, CancellationToken.None);
        using var foreignKey = foreign.Value!;

        var mistyped = await harness.Vault.RecoverAsync("ABCDE-FGHIJ", "new-copper-orchard-71", CancellationToken.None);
        var wrong = await harness.Vault.RecoverAsync(foreignKey.ToDisplayString(), "new-copper-orchard-71", CancellationToken.None);

        Assert.Equal(CoreErrorKind.BadInput, mistyped.Error?.Kind);
        Assert.Equal("recoveryKey", mistyped.Error?.Field);
        Assert.Equal(CoreErrorKind.WrongPassword, wrong.Error?.Kind);
        Assert.Equal("recoveryKey", wrong.Error?.Field);
    }

    [Fact]
    public async Task After_a_wrong_password_the_next_attempt_waits_and_says_how_long()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await CoreHarness.StartAsync(time: clock);
        await harness.Vault.LockAsync();

        var wrong = await harness.Vault.UnlockAsync("not-the-password-99", CancellationToken.None);
        var delay = harness.Vault.NextAttemptDelay;
        clock.Advance(delay);
        var delayOnceWaited = harness.Vault.NextAttemptDelay;
        var right = await harness.Vault.UnlockAsync(CoreHarness.Password, CancellationToken.None);

        Assert.Equal(CoreErrorKind.WrongPassword, wrong.Error?.Kind);
        Assert.Equal(new VaultOptions().UnlockBackoff, delay);
        Assert.Contains("1 s", wrong.Error!.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, delayOnceWaited);
        Assert.True(right.IsSuccess, right.Error?.ToString());
    }
}
