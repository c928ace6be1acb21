using System.CommandLine;
using Keyfolio.Cli.Output;
using Keyfolio.Core;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;

namespace Keyfolio.Cli.Commands;

/// <summary><c>keyfolio check [label]</c>: verifies keys with their exchanges now and refreshes their facts.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var label = new Argument<string?>("label") { Description = "The connection to check; all of them when left out.", Arity = ArgumentArity.ZeroOrOne };
        LabelArgument.RefuseOptionLookalikes(label);
        var command = new Command("check", "Verify keys with their exchanges now: refresh what each key may do, its expiry and status.") { label };
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            if (await session.UnlockAsync(cancellationToken).ConfigureAwait(false) is { } locked)
            {
                return locked;
            }

            var connections = session.Get<ConnectionService>();
            var check = session.Get<CheckConnectionCommand>();
            var labels = parse.GetValue(label) is { } one
                ? [one]
                : (await connections.ListAsync(false, cancellationToken).ConfigureAwait(false)).Select(v => v.Connection.Label).ToList();
            var checkedViews = new List<ConnectionView>();
            foreach (var name in labels)
            {
                var result = await session.WithSpinnerAsync(Texts.Verifying, () => connections.FindByLabelAsync(name, cancellationToken).ThenAsync(found => check.CheckAsync(found.Connection.Id, cancellationToken))).ConfigureAwait(false);
                if (!result.IsSuccess)
                {
                    return await session.FailAsync(result.Error).ConfigureAwait(false);
                }

                checkedViews.Add(result.Value);
            }

            if (session.Json)
            {
                session.WriteJson(checkedViews.Select(v => Views.ToJson(v, session.Culture)).ToArray());
            }
            else
            {
                foreach (var view in checkedViews)
                {
                    Views.WriteConnection(view, session);
                }
            }

            return checkedViews.Any(v => v.Status.IsKeyProblem) ? ExitCodes.KeyRefused : ExitCodes.Success;
        });
        return command;
    }
}
