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

    private static BudgetLease? Take(RateLimitBudgets budgets, IReadOnlyList<string> keys, TimeProvider time, out DateTimeOffset? retryAt) =>
        budgets.TryTake(keys, TenPerSecond, 1, time.GetUtcNow(), out var lease, out retryAt) ? lease : null;
}
