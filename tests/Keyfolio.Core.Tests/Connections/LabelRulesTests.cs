using System.Globalization;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Tests.Support;

namespace Keyfolio.Core.Tests.Connections;

/// <summary>Labels may not hide characters or letters that pose as others, and compare as a person reads them.</summary>
public sealed class LabelRulesTests
{
    public static TheoryData<string, string> Hidden => new()
    {
        { "Main\u202Etnuocca", "U+202E" },
        { "Main\u200Baccount", "U+200B" },
        { "\u200D", "U+200D" },
        { "Main\u200Daccount", "U+200D" },
        { "Main\u2028account", "U+2028" },
        { "\uFEFFMain", "U+FEFF" },
        { "Main\U000E0041\U000E0042", "U+E0041" },
        { "Main \u2066account\u2069", "U+2066" },
        { "Main\u00A0account", "U+00A0" },
        { "Main\u3164", "U+3164" },
        { "Main\uE000", "U+E000" },
        { "Main\naccount", "U+000A" },
        { "Main\u200Faccount", "U+200F" },
    };

    [Theory]
    [MemberData(nameof(Hidden))]
    public void A_label_with_an_invisible_or_bidirectional_character_is_refused_naming_it(string label, string code)
    {
        var problem = ConnectionLabel.Problem(ConnectionLabel.Normalize(label));

        Assert.NotNull(problem);
        Assert.Equal("label", problem.Field);
        Assert.Contains(code, problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains(code, problem.Message.For(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.Contains(code, problem.Fix.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Маin", "U+041C", "Cyrillic")] // Cyrillic М and а among Latin letters
    [InlineData("Binanсe main", "U+0441", "Cyrillic")]
    [InlineData("Οkx", "U+039F", "Greek")]
    public void A_word_mixing_latin_with_cyrillic_or_greek_letters_is_refused_naming_the_odd_letter(string label, string code, string script)
    {
        var problem = ConnectionLabel.Problem(ConnectionLabel.Normalize(label));

        Assert.NotNull(problem);
        Assert.Contains(code, problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains(script, problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Main account")]
    [InlineData("主账户")]
    [InlineData("Основной счёт")]
    [InlineData("Κύριος")]
    [InlineData("Café (BTC)")]
    [InlineData("メイン　アカウント")]
    [InlineData("Family 👨‍👩‍👧 savings")]
    [InlineData("Savings ❤️")]
    public void Ordinary_labels_in_any_language_are_accepted(string label)
    {
        Assert.Null(ConnectionLabel.Problem(ConnectionLabel.Normalize(label)));
    }

    [Fact]
    public void A_label_is_kept_composed_so_cafe_typed_two_ways_is_one_label()
    {
        var composed = ConnectionLabel.Normalize("Caf\u00E9");
        var decomposed = ConnectionLabel.Normalize("Cafe\u0301");

        Assert.Equal(composed, decomposed);
        Assert.Equal(4, decomposed.Length);
        Assert.Equal(ConnectionLabel.Key("Caf\u00E9"), ConnectionLabel.Key("Cafe\u0301"));
    }

    [Theory]
    [InlineData("Main", "MAIN")]
    [InlineData("Main account", "main   account")]
    [InlineData("Main", "Ｍａｉｎ")] // full-width forms
    [InlineData("Main", "Маin")] // look-alike Cyrillic letters
    [InlineData("OKX", "ΟΚΧ")] // look-alike Greek capitals
    public void Labels_that_read_the_same_have_the_same_key(string one, string other)
    {
        Assert.Equal(ConnectionLabel.Key(one), ConnectionLabel.Key(other));
    }

    [Fact]
    public void Different_labels_have_different_keys_and_a_long_compatibility_expansion_still_fits_the_column()
    {
        Assert.NotEqual(ConnectionLabel.Key("Main"), ConnectionLabel.Key("Mainz"));
        var expanding = new string('\uFDFA', 100); // each expands to 18 characters under NFKC

        var key = ConnectionLabel.Key(expanding);

        Assert.True(key.Length <= 100);
        Assert.NotEqual(key, ConnectionLabel.Key(new string('\uFDFA', 99)));
    }

    [Fact]
    public void Broken_text_is_refused_and_still_has_a_key()
    {
        var problem = ConnectionLabel.Problem(ConnectionLabel.Normalize("Main\uD800"));

        Assert.NotNull(problem);
        Assert.Contains("surrogate", problem.Message.For(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Equal(ConnectionLabel.Key("Main\uFFFD"), ConnectionLabel.Key("Main\uD800"));
    }

    [Fact]
    public async Task The_core_refuses_a_look_alike_of_an_existing_label_and_finds_a_connection_by_any_form_of_its_label()
    {
        await using var harness = await CoreHarness.StartAsync();
        await harness.AddAsync("Gate main", r => r with { Label = "Caf\u00E9" });

        var decomposed = await harness.TryAddAsync("HitBTC main", r => r with { Label = "Cafe\u0301" });
        var fullWidth = await harness.TryAddAsync("HitBTC main", r => r with { Label = "ＣＡＦÉ" });
        var hidden = await harness.TryAddAsync("HitBTC main", r => r with { Label = "Caf\u00E9\u200B" });
        var found = await harness.Connections.GetAsync("cafe\u0301", vaultLockApplies: false, CancellationToken.None);

        Assert.Equal(CoreErrorKind.DuplicateLabel, decomposed.Error?.Kind);
        Assert.Equal(CoreErrorKind.DuplicateLabel, fullWidth.Error?.Kind);
        Assert.Equal(CoreErrorKind.BadInput, hidden.Error?.Kind);
        Assert.Equal("label", hidden.Error?.Field);
        Assert.Equal("Caf\u00E9", found?.Connection.Label);
        Assert.Equal(1L, await harness.CountAsync("SELECT COUNT(*) FROM connections WHERE id <> $id", string.Empty));
    }
}
