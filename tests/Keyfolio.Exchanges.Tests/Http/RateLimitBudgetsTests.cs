using Keyfolio.Exchanges.Http;
using Keyfolio.Testing;

namespace Keyfolio.Exchanges.Tests.Http;

public sealed class RateLimitBudgetsTests
{
    private static readonly RateLimitRule[] TenPerSecond = [new("r", 10, TimeSpan.FromSeconds(1), RateLimitScope.Ip)];
    private static readonly Uri Host = new("https://api.example.test");

    [Fact]
    public void Calls_within_the_limit_go_at_once_and_the_next_one_waits_for_the_oldest_answer_to_leave_the_window()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var budgets = new RateLimitBudgets(time);
        var keys = budgets.BudgetKeys(ExchangeId.HitBtc, TenPerSecond, Host, null);

        var first = Enumerable.Range(0, 10).Select(i => Take(budgets, keys, time, out _)!).ToList();
        time.Advance(TimeSpan.FromMilliseconds(300));
        first.ForEach(budgets.Answered);
        var eleventh = Take(budgets, keys, time, out var retryAt);

        Assert.Equal(10, first.Count(lease => lease is not null));
        Assert.Null(eleventh);
        Assert.NotNull(retryAt);
        Assert.InRange(retryAt.Value - DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1.3), TimeSpan.FromSeconds(1.4));
        time.Advance(retryAt.Value - time.GetUtcNow());
        Assert.NotNull(Take(budgets, keys, time, out _));
    }

    [Fact]
    public void A_call_still_in_flight_holds_its_share_however_long_it_takes()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var budgets = new RateLimitBudgets(time);
        var keys = budgets.BudgetKeys(ExchangeId.HitBtc, TenPerSecond, Host, null);
        var inFlight = Enumerable.Range(0, 10).Select(i => Take(budgets, keys, time, out _)!).ToList();

        time.Advance(TimeSpan.FromSeconds(30));
        var blocked = Take(budgets, keys, time, out var unknown);
        budgets.Answered(inFlight[0]);
        var stillBlocked = Take(budgets, keys, time, out var known);
        time.Advance(TimeSpan.FromSeconds(1.1));

        Assert.Null(blocked);
        Assert.Null(unknown);
        Assert.Null(stillBlocked);
        Assert.True(known > DateTimeOffset.UnixEpoch.AddSeconds(31));
        Assert.NotNull(Take(budgets, keys, time, out _));
    }

    [Fact]
    public async Task A_wait_longer_than_allowed_is_refused_with_the_time_calls_may_resume()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var budgets = new RateLimitBudgets(time);
        var keys = budgets.BudgetKeys(ExchangeId.HitBtc, TenPerSecond, Host, null);
        for (var i = 0; i < 10; i++)
        {
            budgets.Answered(Take(budgets, keys, time, out _)!);
        }

        var refused = await budgets.AcquireAsync(keys, TenPerSecond, 1, TimeSpan.FromMilliseconds(100), CancellationToken.None);

        Assert.False(refused.Granted);
        Assert.True(refused.At >= DateTimeOffset.UnixEpoch.AddSeconds(1));
    }

    [Fact]
    public async Task A_waiting_call_goes_as_soon_as_an_answer_makes_room()
    {
        var budgets = new RateLimitBudgets(TimeProvider.System);
        RateLimitRule[] oneAtATime = [new("r", 1, TimeSpan.Zero, RateLimitScope.Ip)];
        var keys = budgets.BudgetKeys(ExchangeId.HitBtc, oneAtATime, Host, null);
        var first = await budgets.AcquireAsync(keys, oneAtATime, 1, TimeSpan.FromMinutes(5), CancellationToken.None);

        var second = budgets.AcquireAsync(keys, oneAtATime, 1, TimeSpan.FromMinutes(5), CancellationToken.None).AsTask();
        var waitedForTheAnswer = !second.IsCompleted;
        budgets.Answered(first.Lease!);

        Assert.True(waitedForTheAnswer);
        Assert.True((await second).Granted);
    }

    [Fact]
    public void The_window_slides_with_time()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var budgets = new RateLimitBudgets(time);
        var keys = budgets.BudgetKeys(ExchangeId.HitBtc, TenPerSecond, Host, null);
        for (var i = 0; i < 10; i++)
        {
            budgets.Answered(Take(budgets, keys, time, out _)!);
        }

        time.Advance(TimeSpan.FromSeconds(2));

        Assert.NotNull(Take(budgets, keys, time, out _));
    }

    [Fact]
    public void A_block_from_the_exchange_holds_until_its_end()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var budgets = new RateLimitBudgets(time);
        var keys = budgets.BudgetKeys(ExchangeId.HitBtc, TenPerSecond, Host, null);

        budgets.Block(keys, TenPerSecond, DateTimeOffset.UnixEpoch.AddMinutes(2));

        Assert.Null(Take(budgets, keys, time, out var retryAt));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMinutes(2), retryAt);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.NotNull(Take(budgets, keys, time, out _));
    }

    [Fact]
    public void Account_budgets_are_per_key_until_the_key_is_linked_to_its_account_then_shared()
    {
        RateLimitRule[] perAccount = [new("balance", 1, TimeSpan.FromSeconds(10), RateLimitScope.Account)];
        var budgets = new RateLimitBudgets(new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        Assert.NotEqual(budgets.BudgetKeys(ExchangeId.Okx, perAccount, Host, "key-a"), budgets.BudgetKeys(ExchangeId.Okx, perAccount, Host, "key-b"));
        budgets.LinkAccount(ExchangeId.Okx, "key-a", "42");
        budgets.LinkAccount(ExchangeId.Okx, "key-b", "42");
        Assert.Equal(budgets.BudgetKeys(ExchangeId.Okx, perAccount, Host, "key-a"), budgets.BudgetKeys(ExchangeId.Okx, perAccount, Host, "key-b"));
        Assert.DoesNotContain(budgets.BudgetKeys(ExchangeId.Okx, perAccount, Host, "key-a"), k => k.Contains("key-a", StringComparison.Ordinal));
    }

    [Fact]
    public void Nodes_sharing_the_address_split_its_per_ip_budgets_but_not_their_account_budgets()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        RateLimitRule[] perAccount = [new("r", 10, TimeSpan.FromSeconds(1), RateLimitScope.Account)];
        var budgets = new RateLimitBudgets(time) { AddressShare = 3 };
        var ipKeys = budgets.BudgetKeys(ExchangeId.HitBtc, TenPerSecond, Host, null);
        var accountKeys = budgets.BudgetKeys(ExchangeId.HitBtc, perAccount, Host, "key-a");

        Assert.Equal(3, AdmittedAtOnce(budgets, ipKeys, TenPerSecond, time));
        Assert.Equal(10, AdmittedAtOnce(budgets, accountKeys, perAccount, time));
    }

    [Fact]
    public void A_share_larger_than_the_limit_still_admits_one_call_per_window()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var budgets = new RateLimitBudgets(time) { AddressShare = 25 };

        Assert.Equal(1, AdmittedAtOnce(budgets, budgets.BudgetKeys(ExchangeId.HitBtc, TenPerSecond, Host, null), TenPerSecond, time));
    }

    [Fact]
    public void A_new_share_applies_to_a_budget_in_use_and_the_calls_it_holds_stay_counted()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var budgets = new RateLimitBudgets(time);
        var keys = budgets.BudgetKeys(ExchangeId.HitBtc, TenPerSecond, Host, null);
        var held = Enumerable.Range(0, 6).Select(i => Take(budgets, keys, time, out _)!).ToList();

        // A second node joins: five a window is now this node's, and the six it holds already exceed them.
        budgets.AddressShare = 2;
        Assert.Equal(2, budgets.AddressShare);
        Assert.Null(Take(budgets, keys, time, out _));
        held.ForEach(budgets.Answered);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(5, AdmittedAtOnce(budgets, keys, TenPerSecond, time));

        // It leaves again: the whole limit, less the five still held.
        budgets.AddressShare = 1;
        Assert.Equal(5, AdmittedAtOnce(budgets, keys, TenPerSecond, time));
        Assert.Throws<ArgumentOutOfRangeException>(() => budgets.AddressShare = 0);
    }

    [Fact]
    public async Task A_call_waiting_for_room_goes_as_soon_as_a_smaller_share_makes_room()
    {
        var budgets = new RateLimitBudgets(TimeProvider.System) { AddressShare = 2 };
        RateLimitRule[] twoAtATime = [new("r", 2, TimeSpan.FromSeconds(1), RateLimitScope.Ip)];
        var keys = budgets.BudgetKeys(ExchangeId.HitBtc, twoAtATime, Host, null);
        var first = await budgets.AcquireAsync(keys, twoAtATime, 1, TimeSpan.FromMinutes(5), CancellationToken.None);

        var second = budgets.AcquireAsync(keys, twoAtATime, 1, TimeSpan.FromMinutes(5), CancellationToken.None).AsTask();
        var waitedForRoom = !second.IsCompleted;
        budgets.AddressShare = 1;

        Assert.True(first.Granted);
        Assert.True(waitedForRoom);
        Assert.True((await second).Granted);
    }

    [Fact]
    public void The_connectors_pass_their_egress_address_share_to_the_budgets_they_share()
    {
        var connectors = ExchangeConnectors.Create(timeProvider: new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        Assert.Equal(1, connectors.EgressAddressShare);
        connectors.EgressAddressShare = 4;
        Assert.Equal(4, connectors.Transport.Budgets.AddressShare);
        Assert.Throws<ArgumentOutOfRangeException>(() => connectors.EgressAddressShare = 0);
        Assert.Equal(4, connectors.EgressAddressShare);
    }

    /// <summary>How many calls of cost 1 the budgets admit now, one after another, each left in flight.</summary>
    private static int AdmittedAtOnce(RateLimitBudgets budgets, IReadOnlyList<string> keys, IReadOnlyList<RateLimitRule> rules, TimeProvider time)
    {
        var admitted = 0;
        while (admitted < 1000 && budgets.TryTake(keys, rules, 1, time.GetUtcNow(), out _, out _))
        {
            admitted++;
        }

        return admitted;
    }

    private static BudgetLease? Take(RateLimitBudgets budgets, IReadOnlyList<string> keys, TimeProvider time, out DateTimeOffset? retryAt) =>
        budgets.TryTake(keys, TenPerSecond, 1, time.GetUtcNow(), out var lease, out retryAt) ? lease : null;
}
