using System.CommandLine;
using Keyfolio.Cli.Input;
using Keyfolio.Cli.Output;
using Keyfolio.Core.Connections;

namespace Keyfolio.Cli.Commands;

/// <summary><c>keyfolio replace &lt;label&gt;</c>: swaps a connection's key after verifying the new one; the old one stays on failure.</summary>
internal static class ReplaceCommand
{
    public static Command Create()
    {
        var label = new Argument<string>("label") { Description = "The connection whose key to replace." };
        LabelArgument.RefuseOptionLookalikes(label);
        var options = new ConnectionInputOptions();
        var command = new Command("replace", "Replace a connection's key: the new key is verified first; on success it is swapped in and the history kept, on failure the old key stays.") { label };
        options.AddTo(command);
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            if (CredentialReader.RefuseSecretArgument(options.QrTextFrom(parse)) is { } secretArgument)
            {
                return await session.FailAsync(secretArgument).ConfigureAwait(false);
            }

            if (await session.UnlockAsync(cancellationToken).ConfigureAwait(false) is { } locked)
            {
                return locked;
            }

            var connections = session.Get<ConnectionService>();
            var name = parse.GetValue(label)!;
            if (await connections.GetAsync(name, false, cancellationToken).ConfigureAwait(false) is not { } current)
            {
                return await session.FailAsync(CliErrors.NotFound(name)).ConfigureAwait(false);
            }

            var read = await CredentialReader.ReadAsync(session, current.Connection.Descriptor, parse.GetValue(options.CredentialsStdin), options.QrTextFrom(parse), Console.In).ConfigureAwait(false);
            if (!read.IsSuccess)
            {
                return await session.FailAsync(read.Error).ConfigureAwait(false);
            }

            using var credentials = read.Value;
            var request = new ReplaceKeyRequest(current.Connection.Label, credentials)
            {
                AllowWithdrawal = parse.GetValue(options.AllowWithdrawal),
                WithdrawalConfirmation = options.Confirmation(session, parse, current.Connection.Label),
            };
            var replaced = await session.WithSpinnerAsync(Texts.Verifying, () => connections.ReplaceKeyAsync(request, cancellationToken)).ConfigureAwait(false);
            if (!replaced.IsSuccess)
            {
                return await session.FailAsync(replaced.Error).ConfigureAwait(false);
            }

            if (session.Json)
            {
                session.WriteJson(Views.ToJson(replaced.Value.View, session.Language));
            }
            else if (replaced.Value.SameKey)
            {
                Views.WriteConnection(replaced.Value.View, session);
                session.Line(session.T(new(
                    $"That is the key this connection already had: it was checked again and kept. Keep it on {current.Connection.Descriptor.DisplayName}; deleting it there would end this connection.",
                    $"这就是此连接原有的密钥：已重新检查并保留。请在 {current.Connection.Descriptor.DisplayName} 保留它；在那里删除会使此连接失效。")));
            }
            else
            {
                Views.WriteConnection(replaced.Value.View, session);
                session.Line(session.T(new(
                    $"Now delete the old key on {current.Connection.Descriptor.DisplayName}: {current.Connection.Descriptor.ApiManagementPage}",
                    $"现在请在 {current.Connection.Descriptor.DisplayName} 删除旧密钥：{current.Connection.Descriptor.ApiManagementPage}")));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
