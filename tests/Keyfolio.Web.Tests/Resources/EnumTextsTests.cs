using System.Globalization;
using System.Resources;
using Keyfolio.Core.Health;
using Keyfolio.Exchanges;
using Keyfolio.Vault.Audit;
using Keyfolio.Web.Resources;

namespace Keyfolio.Web.Tests.Resources;

/// <summary>The pages name some texts after a value (T["Severity." + severity]); each value has its text in both languages.</summary>
public sealed class EnumTextsTests
{
    private static readonly ResourceManager Texts = new(typeof(Ui).FullName!, typeof(Ui).Assembly);

    public static TheoryData<string> Keys()
    {
        var keys = new TheoryData<string>();
        foreach (var key in Names<FindingSeverity>("Severity")
            .Concat(Names<WalletKind>("Wallet"))
            .Concat(Names<WalletOutcome>("WalletOutcome"))
            .Concat(Names<KeyPermission>("Permission"))
            .Concat(Names<ExchangeEnvironment>("Environment"))
            .Concat(Names<AuditAction>("AuditAction"))
            .Concat(Names<AuditProblem>("AuditProblem")))
        {
            keys.Add(key);
        }

        return keys;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_value_shown_by_name_has_its_text_in_english_and_chinese(string key)
    {
        var english = Texts.GetString(key, CultureInfo.InvariantCulture);
        var chinese = Texts.GetString(key, CultureInfo.GetCultureInfo("zh-Hans"));

        Assert.False(string.IsNullOrWhiteSpace(english), key + " has no English text.");
        Assert.False(string.IsNullOrWhiteSpace(chinese), key + " has no Chinese text.");
        Assert.NotEqual(english, chinese);
    }

    private static IEnumerable<string> Names<TEnum>(string prefix) where TEnum : struct, Enum => Enum.GetNames<TEnum>().Select(name => prefix + "." + name);
}
