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
            new($"Keyfolio does not know the exchange \"{name}\".", $"Keyfolio 不认识交易所“{name}”。"),
            new($"Use one of: {known}.", $"请使用以下之一：{known}。"))
        { Field = "exchange" }).ConfigureAwait(false);
        return null;
    }
}
