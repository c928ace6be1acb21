using Keyfolio.Core.Settings;
using Keyfolio.Core.Tests.Support;

namespace Keyfolio.Core.Tests.Settings;

public sealed class PreferencesServiceTests
{
    [Fact]
    public async Task Saved_preferences_are_read_back_and_apply_at_once()
    {
        await using var harness = await CoreHarness.StartAsync();
        var preferences = harness.Get<PreferencesService>();
        var options = harness.Get<KeyfolioCoreOptions>();

        var saved = await preferences.SaveAsync(new Preferences(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(4)), CancellationToken.None);
        var read = await preferences.GetAsync(CancellationToken.None);

        Assert.True(saved.IsSuccess, saved.Error?.ToString());
        Assert.Equal(new Preferences(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(4)), read);
        Assert.Equal(TimeSpan.FromMinutes(10), options.DefaultSyncInterval);
        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.FromHours(4)), (options.Vault.IdleTimeout, options.Vault.AbsoluteTimeout));
    }

    [Fact]
    public async Task Stored_auto_lock_times_are_put_into_the_options_at_start()
    {
        await using var harness = await CoreHarness.StartAsync();
        var preferences = harness.Get<PreferencesService>();
        await preferences.SaveAsync(new Preferences(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(4)), CancellationToken.None);

        await preferences.ApplyStoredAsync(CancellationToken.None);

        var options = harness.Get<KeyfolioCoreOptions>();
        Assert.Equal(TimeSpan.FromMinutes(30), options.Vault.IdleTimeout);
        Assert.Equal(TimeSpan.FromHours(4), options.Vault.AbsoluteTimeout);
    }

    [Theory]
    [InlineData(0.5, 15, 720, "defaultSyncInterval")]
    [InlineData(5, 0.5, 720, "autoLockIdle")]
    [InlineData(5, 30, 10, "autoLockAbsolute")]
    public async Task Out_of_range_preferences_are_refused_naming_the_field_and_nothing_is_stored(double syncMinutes, double idleMinutes, double absoluteMinutes, string field)
    {
        await using var harness = await CoreHarness.StartAsync();
        var preferences = harness.Get<PreferencesService>();
        var before = await preferences.GetAsync(CancellationToken.None);

        var refused = await preferences.SaveAsync(
            new Preferences(TimeSpan.FromMinutes(syncMinutes), TimeSpan.FromMinutes(idleMinutes), TimeSpan.FromMinutes(absoluteMinutes)),
            CancellationToken.None);

        Assert.Equal(CoreErrorKind.BadInput, refused.Error?.Kind);
        Assert.Equal(field, refused.Error?.Field);
        Assert.Equal(before, await preferences.GetAsync(CancellationToken.None));
    }
}
