using System.CommandLine;
using System.Security.Cryptography;
using Keyfolio.Cli.Input;
using Keyfolio.Core.Audit;

namespace Keyfolio.Cli.Commands;

/// <summary>
/// <c>keyfolio join-node --audit-key &lt;file&gt;</c>: makes this data directory another node of the PostgreSQL database
/// a first node already uses (<see cref="NodeJoin"/>). The copy of the first node's <c>audit.key</c> is read as a secret
/// file (owner-only, or refused) and never printed; no master password is needed.
/// </summary>
internal static class JoinNodeCommand
{
    public static Command Create()
    {
        var auditKey = new Option<string>("--audit-key")
        {
            Description = "A copy of audit.key from the data directory of a node already on this database, readable by you alone (mode 600). It verifies the whole audit log before it is installed here; delete the copy afterwards.",
            Required = true,
        };
        var command = new Command("join-node", "Add this data directory as another node of the PostgreSQL database (Database:Provider=postgresql) a first node uses: verify its whole audit log with a copy of that node's audit.key, install the key here and record the join.")
        {
            auditKey,
        };
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            var file = parse.GetValue(auditKey)!;
            var key = await SecretFile.ReadAllBytesAsync(file, "audit-key", cancellationToken).ConfigureAwait(false);
            try
            {
                var joined = await session.Get<NodeJoin>().JoinAsync(key, cancellationToken).ConfigureAwait(false);
                if (!joined.IsSuccess)
                {
                    return await session.FailAsync(joined.Error).ConfigureAwait(false);
                }

                var summary = joined.Value;
                if (session.Json)
                {
                    session.WriteJson(new
                    {
                        database = summary.Database,
                        entriesVerified = summary.EntriesVerified,
                        joinEntry = summary.JoinEntry,
                        joinedBefore = summary.HadJoined,
                        dataDirectory = session.Settings.DataDirectory,
                    });
                    return ExitCodes.Success;
                }

                var joinedText = summary.HadJoined
                    ? Texts.Of("NodeJoinedAgain", summary.Database, summary.EntriesVerified, summary.JoinEntry)
                    : Texts.Of("NodeJoined", summary.Database, summary.EntriesVerified, summary.JoinEntry);
                session.Line(joinedText.For(session.Culture));
                session.Line(Texts.Of("KeyInstalledDeleteTheCopy", session.Settings.DataDirectory, file).For(session.Culture));
                return ExitCodes.Success;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        });
        return command;
    }
}
