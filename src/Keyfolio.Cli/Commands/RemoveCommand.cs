using System.CommandLine;
using Keyfolio.Core;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;

namespace Keyfolio.Cli.Commands;

/// <summary><c>keyfolio remove &lt;label&gt;</c>: deletes a connection's credentials, keeping its history unless asked.</summary>
internal static class RemoveCommand
{
    public static Command Create()
    {
        var label = new Argument<string>("label") { Description = "The connection to remove." };
        LabelArgument.RefuseOptionLookalikes(label);
        var deleteHistory = new Option<bool>("--delete-history") { Description = "Also delete its balance history (kept by default)." };
        var command = new Command("remove", "Remove a connection: delete its encrypted key (history is kept unless --delete-history), and be reminded to delete the key on the exchange.")
        {
            label, deleteHistory,
        };
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            if (await session.UnlockAsync(cancellationToken).ConfigureAwait(false) is { } locked)
            {
                return locked;
            }

            var removed = await session.Get<ConnectionService>().FindByLabelAsync(parse.GetValue(label)!, cancellationToken)
                .ThenAsync(found => session.Get<RemoveConnectionCommand>().RemoveAsync(found.Connection.Id, parse.GetValue(deleteHistory), cancellationToken))
                .ConfigureAwait(false);
            if (!removed.IsSuccess)
            {
                return await session.FailAsync(removed.Error).ConfigureAwait(false);
            }

            var value = removed.Value;
            if (session.Json)
            {
                session.WriteJson(new { label = value.Label, exchange = value.Exchange, historyDeleted = value.HistoryDeleted, apiManagementPage = value.ApiManagementPage, reminder = value.Reminder.For(session.Culture) });
            }
            else
            {
                session.Line(Texts.Of("Removed", value.Label).For(session.Culture));
                session.Line(value.Reminder.For(session.Culture));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
