using System.CommandLine;
using Keyfolio.Cli.Input;
using Keyfolio.Cli.Output;
using Keyfolio.Core;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Exchanges;

namespace Keyfolio.Cli.Commands;

/// <summary><c>keyfolio replace &lt;label&gt;</c>: swaps a connection's key after verifying the new one; the old one stays on failure.</summary>
internal static class ReplaceCommand
{
    public static Command Create()
    {
        var label = new Argument<string>("label") { Description = "The connection whose key to replace." };
        LabelArgument.RefuseOptionLookalikes(label);
        var options = new ConnectionInputOptions();
        var only = new Option<string?>("--only")
        {
            Description = "Correct one field of the stored key and keep the rest: the passphrase the exchange says is wrong, or the secret. The corrected key is verified before it is kept.",
            HelpName = "passphrase|secret",
        };
        only.AcceptOnlyFromAmong("passphrase", "secret");
        var command = new Command("replace", "Replace a connection's key: the new key is verified first; on success it is swapped in and the history kept, on failure the old key stays.") { label, only };
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

            if (CredentialCorrection.Parse(parse.GetValue(only)) is { } field)
            {
                return await CorrectAsync(session, session.Get<CorrectCredentialCommand>(), current.Connection, field, parse.GetValue(options.CredentialsStdin), options.QrTextFrom(parse) is not null, cancellationToken).ConfigureAwait(false);
            }

            var read = await CredentialReader.ReadAsync(session, current.Connection.Descriptor, parse.GetValue(options.CredentialsStdin), options.QrTextFrom(parse), Console.In).ConfigureAwait(false);
            if (!read.IsSuccess)
            {
                return await session.FailAsync(read.Error).ConfigureAwait(false);
            }

            using var credentials = read.Value;
            var request = new ReplaceKeyRequest(current.Connection.Id, credentials)
            {
                AllowWithdrawal = parse.GetValue(options.AllowWithdrawal),
                WithdrawalConfirmation = options.Confirmation(session, parse, current.Connection.Label),
            };
            var replaced = await session.WithSpinnerAsync(Texts.Verifying, () => session.Get<ReplaceKeyCommand>().ReplaceAsync(request, cancellationToken)).ConfigureAwait(false);
            if (!replaced.IsSuccess)
            {
                return await session.FailAsync(replaced.Error).ConfigureAwait(false);
            }

            if (session.Json)
            {
                session.WriteJson(Views.ToJson(replaced.Value.View, session.Culture));
            }
            else if (replaced.Value.SameKey)
            {
                Views.WriteConnection(replaced.Value.View, session);
                session.Line(Texts.Of("ThatIsTheKeyThis", current.Connection.Descriptor.DisplayName).For(session.Culture));
            }
            else
            {
                Views.WriteConnection(replaced.Value.View, session);
                session.Line(Texts.Of("NowDeleteTheOldKey", current.Connection.Descriptor.DisplayName, current.Connection.Descriptor.ApiManagementPage).For(session.Culture));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>replace --only passphrase|secret</c>: one field read (hidden prompt, or that field of the JSON on
    /// standard input), verified with the rest of the stored key, kept only if the exchange accepts it.</summary>
    private static async Task<int> CorrectAsync(CliSession session, CorrectCredentialCommand correct, Connection connection, CredentialFieldKind field, bool fromStdin, bool qrText, CancellationToken cancellationToken)
    {
        if (qrText)
        {
            return await session.FailAsync(new CoreError(
                CoreErrorKind.BadInput,
                Texts.Of("OnlyCorrectsOneFieldTyped"),
                Texts.Of("DropQrTextOrDrop"))
            { Field = "only" }).ConfigureAwait(false);
        }

        var read = await CredentialReader.ReadFieldAsync(session, connection.Descriptor, field, fromStdin, Console.In).ConfigureAwait(false);
        if (!read.IsSuccess)
        {
            return await session.FailAsync(read.Error).ConfigureAwait(false);
        }

        var corrected = await session.WithSpinnerAsync(Texts.Verifying, () => correct.CorrectAsync(connection.Id, field, read.Value.AsMemory(), cancellationToken)).ConfigureAwait(false);
        if (!corrected.IsSuccess)
        {
            // The exchange refused the corrected key: say first that the stored key is as it was.
            var error = corrected.Error;
            return await session.FailAsync(error.Kind == CoreErrorKind.VerificationFailed
                ? error with { Message = Texts.Of("NothingWasChanged", error.Message) }
                : error).ConfigureAwait(false);
        }

        if (session.Json)
        {
            session.WriteJson(Views.ToJson(corrected.Value.View, session.Culture));
            return ExitCodes.Success;
        }

        Views.WriteConnection(corrected.Value.View, session);
        var name = connection.Descriptor.DisplayName;
        session.Line((field == CredentialFieldKind.Passphrase
            ? Texts.Of("ThePassphraseWasCorrectedAccepted", name)
            : Texts.Of("TheSecretWasCorrectedAccepted", name)).For(session.Culture));
        return ExitCodes.Success;
    }
}
