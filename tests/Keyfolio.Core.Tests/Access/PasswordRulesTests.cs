using System.Globalization;
using Keyfolio.Core.Tests.Support;

namespace Keyfolio.Core.Tests.Access;

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("short1", "too short", "太短")]
    [InlineData("password123", "most common", "最常见")]
    [InlineData("aaaaaaaaaaaa", "trivial pattern", "规律组合")]
    public async Task A_refused_master_password_names_the_rule_in_both_languages_and_creates_nothing(string password, string english, string chinese)
    {
        await using var harness = await CoreHarness.StartAsync(createVault: false);

        var refused = await harness.Vault.CreateAsync(password, withRecoveryKey: false, CancellationToken.None);

        Assert.Equal(CoreErrorKind.PasswordRejected, refused.Error?.Kind);
        Assert.Equal("password", refused.Error?.Field);
        Assert.Contains(english, refused.Error!.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains(chinese, refused.Error.Message.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.False(await harness.Vault.ExistsAsync(CancellationToken.None));
    }
}
