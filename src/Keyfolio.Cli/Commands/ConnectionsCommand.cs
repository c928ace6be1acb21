using System.CommandLine;
using Keyfolio.Cli.Output;
using Keyfolio.Core.Connections;

namespace Keyfolio.Cli.Commands;

/// <summary><c>keyfolio connections</c>: every connection with its status, value and findings, without the master password.</summary>
internal static class ConnectionsCommand
{
    public static Command Create()
    {
        var command = new Command("connections", "List the connections with their status (from the last verification and sync), value and key findings. Needs no password.");
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            var views = await session.Get<ConnectionService>().ListAsync(vaultLockApplies: false, cancellationToken).ConfigureAwait(false);
            if (session.Json)
            {
                session.WriteJson(views.Select(v => Views.ToJson(v, session.Culture)).ToArray());
            }
            else if (views.Count == 0)
            {
                session.Line(Texts.NoConnections.For(session.Culture));
            }
            else
            {
                session.Console.Write(Views.ConnectionsTable(views, session));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
