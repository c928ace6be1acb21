using System.Globalization;
using Keyfolio.Exchanges.Diagnostics;

namespace Keyfolio.Exchanges.Tests.Diagnostics;

public sealed class DiagnosisTextsTests
{
    [Fact]
    public void Every_category_has_an_explanation_and_a_fix_in_english_and_chinese()
    {
        Assert.All(Enum.GetValues<DiagnosisCategory>(), category =>
        {
            var explanation = DiagnosisTexts.Explanation(category);
            var fix = DiagnosisTexts.Fix(category);
            Assert.All([explanation.For(CultureInfo.GetCultureInfo("en")), explanation.For(CultureInfo.GetCultureInfo("zh-Hans")), fix.For(CultureInfo.GetCultureInfo("en")), fix.For(CultureInfo.GetCultureInfo("zh-Hans"))], text => Assert.False(string.IsNullOrWhiteSpace(text), $"{category}"));
            Assert.NotEqual(explanation.For(CultureInfo.GetCultureInfo("en")), fix.For(CultureInfo.GetCultureInfo("en")));
        });
    }

    [Theory]
    [InlineData(ExchangeId.Okx, "50105", "Passphrase error", "OKX 50105: Passphrase error")]
    [InlineData(ExchangeId.Htx, "api-signature-not-valid", null, "HTX api-signature-not-valid")]
    [InlineData(ExchangeId.Kucoin, "400004", "Invalid KC-API-PASSPHRASE", "KuCoin 400004: Invalid KC-API-PASSPHRASE")]
    public void What_the_exchange_said_names_it_as_it_writes_its_name(ExchangeId exchange, string code, string? message, string expected)
    {
        var diagnosis = new Diagnosis
        {
            Category = DiagnosisCategory.InvalidKey,
            Exchange = exchange,
            ExchangeCode = code,
            ExchangeMessage = message,
            Explanation = DiagnosisTexts.Explanation(DiagnosisCategory.InvalidKey),
            Fix = DiagnosisTexts.Fix(DiagnosisCategory.InvalidKey),
        };

        Assert.Equal(expected, diagnosis.ExchangeWords);
        Assert.Null((diagnosis with { ExchangeCode = null }).ExchangeWords);
    }
}
