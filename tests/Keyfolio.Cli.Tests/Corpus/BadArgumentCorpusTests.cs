using System.CommandLine;
using System.Text.Json;

namespace Keyfolio.Cli.Tests.Corpus;

/// <summary>
/// Every command line in <c>BadArguments.json</c> — unknown commands and options, options without their value, values
/// out of range or of the wrong kind, options posing as labels or host names, on every command — is refused before
/// anything is opened, with exit code 2, what is wrong and what to do (or the error object with <c>--json</c>), and
/// never a stack trace or a .NET type name.
/// </summary>
public sealed class BadArgumentCorpusTests
{
    public static TheoryData<string> Names() => [.. Corpus().Select(c => c.GetProperty("name").GetString()!)];

    [Fact]
    public void The_corpus_covers_every_command()
    {
        var cases = Corpus();
        Assert.True(cases.Count >= 100, cases.Count + " cases");
        Assert.Equal(cases.Count, cases.Select(c => c.GetProperty("name").GetString()).Distinct(StringComparer.Ordinal).Count());
        foreach (var command in KeyfolioCommandLine.Build().Subcommands.Select(c => c.Name))
        {
            Assert.Contains(cases, c => c.GetProperty("args").EnumerateArray().FirstOrDefault().GetString() == command);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_bad_command_line_is_refused_with_exit_code_2_saying_what_is_wrong_and_what_to_do(string name)
    {
        var input = Corpus().Single(c => c.GetProperty("name").GetString() == name);
        string[] args = [.. input.GetProperty("args").EnumerateArray().Select(a => a.GetString()!)];
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = KeyfolioCommandLine.Run(args, new InvocationConfiguration { Output = output, Error = error });

        var all = output + "\n" + error;
        Assert.True(code == 2, $"{name}: exit {code}\n{all}");
        Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", all, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", all, StringComparison.Ordinal);
        if (args.Contains("--json"))
        {
            var problem = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("error");
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("message").GetString()), all);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("fix").GetString()), all);
            Assert.Equal(2, problem.GetProperty("exitCode").GetInt32());
            Assert.Contains("--help", problem.GetProperty("fix").GetString(), StringComparison.Ordinal); // refused by the parser, before any data is opened
        }
        else
        {
            var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.True(lines.Length >= 2 && lines[0].StartsWith("Error: ", StringComparison.Ordinal) && lines[^1].StartsWith("Fix: ", StringComparison.Ordinal), all);
            Assert.Equal(string.Empty, output.ToString());
            Assert.Contains("--help", lines[^1], StringComparison.Ordinal); // refused by the parser, before any data is opened
            if (input.TryGetProperty("field", out var field))
            {
                Assert.Contains(field.GetString()!, lines[0], StringComparison.Ordinal);
            }
        }
    }

    private static List<JsonElement> Corpus()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "BadArguments.json")));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
