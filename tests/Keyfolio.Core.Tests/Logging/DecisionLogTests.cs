using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Tests.Support;
using Keyfolio.Exchanges.Logging;
using Keyfolio.Simulator;

namespace Keyfolio.Core.Tests.Logging;

/// <summary>
/// The core and the vault log their decisions — a key kept or refused and why, a connection removed, a sync refused and
/// working again, the vault unlocked, locked, a wrong password — with their event ids, naming connections by id and
/// never writing a key, a secret, a password or the person's label.
/// </summary>
public sealed class DecisionLogTests
{
    [Fact]
    public async Task Keys_kept_refused_and_removed_are_logged_by_connection_id_without_key_secret_or_label()
    {
        await using var harness = await CoreHarness.StartAsync();

        var refused = await harness.TryAddAsync("Binance withdraw-enabled");
        var added = await harness.AddAsync("Gate main");
        var removed = await harness.Get<RemoveConnectionCommand>().RemoveAsync(added.Connection.Id, deleteHistory: false, CancellationToken.None);

        Assert.False(refused.IsSuccess);
        Assert.True(removed.IsSuccess);
        Assert.Contains(Of(harness, KeyfolioEventIds.WithdrawKeyRefused), line => line.Contains("A key for Binance (a new connection) was refused: it can withdraw", StringComparison.Ordinal));
        Assert.Contains(Of(harness, KeyfolioEventIds.ConnectionAdded), line => line.Contains($"Connection {added.Connection.Id} to Gate was added: verified", StringComparison.Ordinal));
        Assert.Contains(Of(harness, KeyfolioEventIds.ConnectionRemoved), line => line.Contains($"Connection {added.Connection.Id} to Gate was removed, its history kept", StringComparison.Ordinal));
        AssertNothingPrivate(harness, "Binance withdraw-enabled", "Gate main");
    }

    [Fact]
    public async Task A_refusing_exchange_is_logged_once_while_the_refusal_lasts_and_again_when_the_connection_works()
    {
        await using var harness = await CoreHarness.StartAsync();
        var added = await harness.AddAsync("Gate main");
        harness.Simulator.Control.SetFault(new SimulatorFault { Exchange = "gate", Maintenance = true });

        await harness.Sync.RefreshAllAsync(CancellationToken.None);
        await harness.Sync.RefreshAllAsync(CancellationToken.None);
        var refusedWhileDown = Of(harness, KeyfolioEventIds.ConnectionRefusedBySync);
        harness.Simulator.Control.ClearAllFaults();
        await harness.Sync.RefreshAllAsync(CancellationToken.None);

        var refusal = Assert.Single(refusedWhileDown);
        Assert.Contains($"A sync of connection {added.Connection.Id} to Gate was refused as ExchangeUnavailable", refusal, StringComparison.Ordinal);
        var recovered = Assert.Single(Of(harness, KeyfolioEventIds.ConnectionRecovered));
        Assert.Contains($"Connection {added.Connection.Id} to Gate synced again after being refused as ExchangeUnavailable", recovered, StringComparison.Ordinal);
        AssertNothingPrivate(harness, "Gate main");
    }

    [Fact]
    public async Task The_vault_logs_unlock_lock_and_a_wrong_password_never_the_password()
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.Vault.LockAsync();
        var wrong = await harness.Vault.UnlockAsync("not-the-" + CoreHarness.Password, CancellationToken.None);
        var right = await harness.Vault.UnlockAsync(CoreHarness.Password, CancellationToken.None);

        Assert.False(wrong.IsSuccess);
        Assert.True(right.IsSuccess);
        var states = Of(harness, KeyfolioEventIds.VaultStateChanged);
        Assert.Contains(states, line => line.Contains("The vault is Locked (LockedByUser); recorded in the audit log: True", StringComparison.Ordinal));
        Assert.Contains(states, line => line.Contains("The vault is Unlocked (Unlocked)", StringComparison.Ordinal));
        Assert.Contains(Of(harness, KeyfolioEventIds.VaultPasswordRefused), line => line.Contains("The master password given for unlock was wrong", StringComparison.Ordinal));
        Assert.Contains(Of(harness, KeyfolioEventIds.VaultChangeCommitted), line => line.Contains("The vault committed vault.created", StringComparison.Ordinal));
        Assert.All(harness.Logs.Lines, line => Assert.DoesNotContain(CoreHarness.Password, line, StringComparison.Ordinal));
    }

    private static List<string> Of(CoreHarness harness, int eventId) =>
        [.. harness.Logs.Lines.Where(line => line.Contains($"[{eventId}]:", StringComparison.Ordinal))];

    private static void AssertNothingPrivate(CoreHarness harness, params string[] labels)
    {
        var forbidden = labels.Select(harness.Account).SelectMany(a => new[] { a.ApiKey, a.Secret, a.Passphrase }).OfType<string>().Concat(labels).ToList();
        Assert.NotEmpty(harness.Logs.Lines);
        Assert.All(harness.Logs.Lines, line => Assert.All(forbidden, value => Assert.DoesNotContain(value, line, StringComparison.Ordinal)));
    }
}
