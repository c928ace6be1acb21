using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Tests.Support;

namespace Keyfolio.Exchanges.Tests.Http;

public sealed class RateLimitBudgetsTests
{
    private static readonly RateLimitRule[] TenPerSecond = [new("r", 10, TimeSpan.FromSeconds(1), RateLimitScope.Ip)];
    private static readonly Uri Host = new("https://api.example.test");

    [Fact]
    public void Calls_within_the_limit_go_at_once_and_the_next_one_waits_for_the_oldest_to_leave_the_window()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var budgets = new RateLimitBudgets(time);
        var keys = budgets.BudgetKeys(ExchangeId.HitBtc, TenPerSecond, Host, null);

        var first = Enumerable.Range(0, 10).Select(_ => budgets.Reserve(keys, TenPerSecond, 1, TimeSpan.FromSeconds(5))).ToList();
        var eleventh = budgets.Reserve(keys, TenPerSecond, 1, TimeSpan.FromSeconds(5));

        Assert.All(first, r => Assert.Equal((true, TimeSpan.Zero), (r.Granted, r.Wait)));
        Assert.True(eleventh.Granted);
        Assert.InRange(eleventh.Wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.1));
    }

    [Fact]
    public void A_wait_longer_than_allowed_is_refused_with_the_time_calls_may_resume()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var budgets = new RateLimitBudgets(time);
        var keys = budgets.BudgetKeys(ExchangeId.HitBtc, TenPerSecond, Host, null);
        for (var i = 0; i < 10; i++)
        {
            budgets.Reserve(keys, TenPerSecond, 1, TimeSpan.Zero);
        }

        var refused = budgets.Reserve(keys, TenPerSecond, 1, TimeSpan.FromMilliseconds(100));

        Assert.False(refused.Granted);
        Assert.True(refused.At >= DateTimeOffset.UnixEpoch.AddSeconds(1));
    }

    [Fact]
    public void The_window_slides_with_time()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var budgets = new RateLimitBudgets(time);
        var keys = budgets.BudgetKeys(ExchangeId.HitBtc, TenPerSecond, Host, null);
        for (var i = 0; i < 10; i++)
        {
            budgets.Reserve(keys, TenPerSecond, 1, TimeSpan.Zero);
        }

        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal((true, TimeSpan.Zero), (budgets.Reserve(keys, TenPerSecond, 1, TimeSpan.Zero) is var r ? (r.Granted, r.Wait) : default));
    }

    [Fact]
    public void A_block_from_the_exchange_holds_until_its_end()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var budgets = new RateLimitBudgets(time);
        var keys = budgets.BudgetKeys(ExchangeId.HitBtc, TenPerSecond, Host, null);

        budgets.Block(keys, TenPerSecond, DateTimeOffset.UnixEpoch.AddMinutes(2));

        Assert.Equal((false, DateTimeOffset.UnixEpoch.AddMinutes(2)), budgets.Reserve(keys, TenPerSecond, 1, TimeSpan.FromSeconds(10)) is var r ? (r.Granted, r.At) : default);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(budgets.Reserve(keys, TenPerSecond, 1, TimeSpan.Zero).Granted);
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
}
