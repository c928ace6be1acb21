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
            Assert.All([explanation.En, explanation.Zh, fix.En, fix.Zh], text => Assert.False(string.IsNullOrWhiteSpace(text), $"{category}"));
            Assert.NotEqual(explanation.En, fix.En);
        });
    }
}
