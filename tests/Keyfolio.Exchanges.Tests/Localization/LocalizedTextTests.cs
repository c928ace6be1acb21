using System.Globalization;
using System.Resources;
using Keyfolio.Exchanges.Diagnostics;

namespace Keyfolio.Exchanges.Tests.Localization;

/// <summary>
/// A text is shown from its catalog's file for the culture, or the nearest parent culture's: zh-Hant never borrows the
/// Simplified file, and a language without a file shows English. SampleTexts has English, zh-Hans and zh-Hant files only.
/// </summary>
public sealed class LocalizedTextTests
{
    private static readonly TextCatalog Sample = new("Keyfolio.Exchanges.Tests.Localization.SampleTexts", typeof(LocalizedTextTests).Assembly);

    private static CultureInfo Culture(string name) => CultureInfo.GetCultureInfo(name);

    [Theory]
    [InlineData("en", "The key of Main works.")]
    [InlineData("zh-Hans", "Main的密钥可以使用。")]
    [InlineData("zh-CN", "Main的密钥可以使用。")]
    [InlineData("zh-Hant", "Main的金鑰可以使用。")]
    [InlineData("zh-TW", "Main的金鑰可以使用。")]
    [InlineData("ja", "The key of Main works.")]
    [InlineData("ko-KR", "The key of Main works.")]
    public void A_text_is_shown_in_the_language_of_the_nearest_file(string culture, string expected) =>
        Assert.Equal(expected, Sample.Of("Greeting", "Main").For(Culture(culture)));

    [Fact]
    public void A_text_placed_in_another_is_shown_in_the_same_language()
    {
        var text = Sample.Of("Wrapped", Sample.Of("Greeting", "Main"));

        Assert.Equal("注意：Main的金鑰可以使用。", text.For(Culture("zh-Hant")));
        Assert.Equal("Note: The key of Main works.", text.For(Culture("ja")));
        Assert.Equal("Note: The key of Main works.", text.ToString());
    }

    [Fact]
    public void A_label_placed_lower_case_is_lowered_only_where_the_language_asks_for_it()
    {
        var label = Sample.Of("Wrapped", "Master password");

        Assert.Equal("Ask for note: master password.", Sample.Of("Lowered", label).For(Culture("en")));
        Assert.Equal("请输入注意：Master password。", Sample.Of("Lowered", label).For(Culture("zh-Hans")));
    }

    [Fact]
    public void A_diagnosis_is_shown_in_Simplified_Chinese_for_zh_Hans_and_never_for_Traditional_Chinese()
    {
        var explanation = DiagnosisTexts.Explanation(DiagnosisCategory.InvalidKey);
        var simplified = explanation.For(Culture("zh-Hans"));

        Assert.Equal("交易所无法识别此 API Key：可能输入有误，或已被删除、撤销或冻结。", simplified);
        Assert.Equal(simplified, explanation.For(Culture("zh-CN")));
        Assert.NotEqual(simplified, explanation.For(Culture("zh-Hant")));
        Assert.NotEqual(simplified, explanation.For(Culture("ja")));
        Assert.Equal("The exchange does not recognise this API key: it was mistyped, deleted, revoked or frozen.", explanation.For(Culture("en")));
    }

    [Fact]
    public void A_key_missing_from_the_catalog_fails_instead_of_showing_nothing()
    {
        var missing = Sample.Of("NoSuchKey");

        Assert.Throws<MissingManifestResourceException>(() => missing.For(Culture("en")));
        Assert.Throws<MissingManifestResourceException>(() => missing.For(Culture("zh-Hant")));
    }

    [Fact]
    public void Texts_are_equal_when_their_catalog_key_and_values_are()
    {
        Assert.Equal(Sample.Of("Greeting", "Main"), Sample.Of("Greeting", "Main"));
        Assert.NotEqual(Sample.Of("Greeting", "Main"), Sample.Of("Greeting", "Other"));
        Assert.NotEqual(Sample.Of("Greeting", "Main"), Sample.Of("Wrapped", "Main"));
        Assert.Equal(LocalizedText.Same("OKX"), LocalizedText.Same("OKX"));
    }

    [Fact]
    public void A_list_takes_the_separator_of_its_language()
    {
        var list = LocalizedText.List(["a", "b", "c"]);

        Assert.Equal("a, b, c", list.For(Culture("en")));
        Assert.Equal("a、b、c", list.For(Culture("zh-Hans")));
        Assert.Equal("a or b", LocalizedText.Alternatives(["a", "b"]).For(Culture("en")));
    }
}
