using Keyfolio.Cli.Tests.Support;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary><c>--lang</c> takes the five languages Keyfolio speaks and refuses any other, naming them.</summary>
public sealed class LanguageOptionTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task An_unknown_language_is_refused_naming_the_option_and_the_five_languages()
    {
        using var world = new CliWorld(fixture.Simulator);

        var run = await world.RunAsync("connections", "--lang", "fr");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--lang 'fr'", run.Error, StringComparison.Ordinal);
        Assert.Contains("en, zh, zh-Hant, ja, ko", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hant")]
    [InlineData("ja")]
    [InlineData("ko")]
    public async Task Each_language_is_accepted_and_only_zh_shows_Simplified_Chinese(string language)
    {
        using var world = new CliWorld(fixture.Simulator);

        var run = await world.RunAsync("connections", "--lang", language);
        var simplified = await world.RunAsync("connections", "--lang", "zh");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("还没有连接。", simplified.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("还没有连接。", run.Output, StringComparison.Ordinal);
    }
}
