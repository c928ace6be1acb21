using System.CommandLine;
using Keyfolio.Exchanges;

namespace Keyfolio.Cli.Commands;

/// <summary>The <c>exchange</c> argument: a name as users spell it, checked against the catalog.</summary>
internal static class ExchangeArgument
{
    public static Argument<string> Create() => new("exchange")
    {
        Description = string.Join(", ", ExchangeIds.All.SkipLast(1).Select(e => e.ToName())) + " or " + ExchangeIds.All[^1].ToName() + ".",
    };

    public static async Task<ExchangeId?> ParseAsync(CliSession session, string name)
    {
        if (ExchangeIds.TryParse(name, out var id))
        {
            return id;
        }

        var known = string.Join(", ", ExchangeIds.All.Select(e => e.ToName()));
        await session.FailAsync(new Core.CoreError(
            Core.CoreErrorKind.BadInput,
            Texts.Of("KeyfolioDoesNotKnowThe", name),
            Texts.Of("UseOneOf", known))
        { Field = "exchange" }).ConfigureAwait(false);
        return null;
    }
}
