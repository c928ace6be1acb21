using System.Text.Json;
using Keyfolio.Core;
using Keyfolio.Core.Connections;
using Keyfolio.Exchanges;
using Keyfolio.Exchanges.QrCodes;

namespace Keyfolio.Cli.Input;

/// <summary>
/// Gets a key's credentials the three ways allowed, never from a plain argument: JSON on standard input
/// (<c>{"apiKey","secret","passphrase"}</c>), the text of the exchange's QR code (pasted at a hidden prompt, on standard
/// input or in a file), or hidden prompts.
/// </summary>
internal static class CredentialReader
{
    private static readonly LocalizedText ApiKeyPrompt = Texts.Of("APIKeyPrompt");
    private static readonly LocalizedText SecretPrompt = Texts.Of("SecretPrompt");
    private static readonly LocalizedText PassphrasePrompt = Texts.Of("Passphrase2");

    private static readonly LocalizedText QrTextPrompt = Texts.Of("TextOfTheQRCode");

    /// <summary>
    /// The refusal of a <c>--qr-text</c> value that is neither <c>-</c> nor an existing file: it may be the QR code's
    /// text, which an argument exposes in the process list and the shell history. Checked before anything else runs.
    /// </summary>
    public static CoreError? RefuseSecretArgument(QrTextSource? qrText) =>
        qrText is { IsPrompt: false, IsStandardInput: false, File: null }
            ? new CoreError(
                CoreErrorKind.BadInput,
                Texts.Of("TheQRCodesTextMust"),
                Texts.Of("GiveTheQRTextAt"))
            { Field = "qrText" }
            : null;

    public static async Task<CoreResult<KeyCredentials>> ReadAsync(CliSession session, ExchangeDescriptor descriptor, bool fromStdin, QrTextSource? qrText, TextReader stdin)
    {
        if (fromStdin && qrText is not null)
        {
            return Bad("credentials", Texts.Of("GiveTheCredentialsOneWay"), Texts.Of("DropOneOfTheTwo"));
        }

        if (fromStdin)
        {
            return FromJson(await stdin.ReadToEndAsync().ConfigureAwait(false), descriptor);
        }

        if (qrText is not null)
        {
            if (RefuseSecretArgument(qrText) is { } refused)
            {
                return refused;
            }

            var text = qrText.IsStandardInput
                ? await stdin.ReadToEndAsync().ConfigureAwait(false)
                : qrText.File is { } file ? await SecretFile.ReadAllTextAsync(file, "qrText", CancellationToken.None).ConfigureAwait(false) : session.PromptSecret(QrTextPrompt);
            return text is null
                ? Bad(
                    "qrText",
                    Texts.Of("ThereIsNoTerminalTo"),
                    Texts.Of("GiveItOnStandardInput"))
                : FromQr(session, text, descriptor);
        }

        var apiKey = session.PromptSecret(ApiKeyPrompt);
        if (apiKey is null)
        {
            return Bad(
                "credentials",
                Texts.Of("ThereIsNoTerminalTo2"),
                Texts.Of("PipeApiKeySecretPassphraseInto"));
        }

        var secret = session.PromptSecret(SecretPrompt) ?? string.Empty;
        // A passphrase every key has is asked for as such; an optional one (a 2FA password) by the exchange's label, and may be left empty.
        var passphraseField = descriptor.CredentialFields.FirstOrDefault(f => f.Kind == CredentialFieldKind.Passphrase);
        var passphrase = passphraseField switch
        {
            null => null,
            { Required: true } => session.PromptSecret(PassphrasePrompt),
            _ => session.PromptSecret(Texts.Of("PressEnterToSkip", passphraseField.Label), allowEmpty: true),
        };
        return new KeyCredentials(apiKey, secret, passphrase);
    }

    /// <summary>One field of a key, to correct it alone: at a hidden prompt, or the field of that name in the JSON on
    /// standard input (<c>{"passphrase":"…"}</c>).</summary>
    public static async Task<CoreResult<string>> ReadFieldAsync(CliSession session, ExchangeDescriptor descriptor, CredentialFieldKind field, bool fromStdin, TextReader stdin)
    {
        var name = CredentialCorrection.Name(field);
        if (fromStdin)
        {
            try
            {
                using var document = JsonDocument.Parse(await stdin.ReadToEndAsync().ConfigureAwait(false));
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty(name, out var value)
                    && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString()!;
                }
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException)
            {
                // Told as the missing field below, without echoing what was read.
            }

            return BadInput(
                name,
                Texts.Of("StandardInputIsNotA", name),
                Texts.Of("PipeIntoTheCommand", name));
        }

        var label = descriptor.CredentialFields.First(f => f.Kind == field).Label;
        var typed = session.PromptSecret(field == CredentialFieldKind.Passphrase ? PassphrasePrompt : label);
        return typed is null
            ? BadInput(
                name,
                Texts.Of("ThereIsNoTerminalTo3"),
                Texts.Of("PipeIntoCredentialsStdin", name))
            : typed;
    }

    private static CoreResult<KeyCredentials> FromJson(string text, ExchangeDescriptor descriptor)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return NotJson();
            }

            // A lone UTF-16 surrogate escape (\ud800) is valid JSON but no text: GetString refuses it, and so does Keyfolio, by name.
            string? broken = null;
            string? Read(string name)
            {
                if (!document.RootElement.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                try
                {
                    return value.GetString();
                }
                catch (InvalidOperationException)
                {
                    broken ??= name;
                    return null;
                }
            }

            var apiKey = Read("apiKey");
            var secret = Read("secret");
            var passphrase = Read("passphrase");
            if (broken is not null)
            {
                return Bad(
                    broken,
                    Texts.Of("TheStringInTheJSON", broken),
                    Texts.Of("CopyTheValueAgainFrom", broken));
            }

            if (apiKey is null || secret is null)
            {
                return Bad(
                    apiKey is null ? "apiKey" : "secret",
                    Texts.Of("TheJSONOnStandardInput", (apiKey is null ? "apiKey" : "secret")),
                    Texts.Of("GiveApiKeySecret", (descriptor.RequiresPassphrase ? ",\"passphrase\":\"…\"" : string.Empty)));
            }

            return new KeyCredentials(apiKey, secret, passphrase);
        }
        catch (JsonException)
        {
            return NotJson();
        }
    }

    private static CoreResult<KeyCredentials> FromQr(CliSession session, string text, ExchangeDescriptor descriptor)
    {
        using var payload = QrPayloadParser.Parse(text, descriptor.Id);
        if (payload.Format == QrPayloadFormat.Unrecognised || payload.ApiKey is null || !payload.HasSecret)
        {
            return Bad("qrText", payload.Summary, Texts.Of("CopyTheWholeTextOf"));
        }

        if (payload.LooksLike.Count > 0)
        {
            var commands = payload.LooksLike.Select(id => "keyfolio connect " + id.ToName()).ToList();
            return Bad("qrText", payload.Summary, Texts.Of("UseTheQRCodeShows", descriptor.DisplayName, LocalizedText.Alternatives(commands)));
        }

        string? typedPassphrase = null;
        if (!payload.HasPassphrase && descriptor.RequiresPassphrase)
        {
            typedPassphrase = session.PromptSecret(PassphrasePrompt);
            if (typedPassphrase is null)
            {
                return Bad("passphrase", payload.Summary, Texts.Of("RunTheCommandAtA"));
            }
        }

        return new KeyCredentials(payload.ApiKey, payload.Secret, payload.HasPassphrase ? payload.Passphrase : typedPassphrase);
    }

    private static CoreResult<KeyCredentials> NotJson() => Bad(
        "credentials",
        Texts.Of("StandardInputIsNotA2"),
        Texts.Of("PipeApiKeySecretPassphraseInto2"));

    private static CoreResult<KeyCredentials> Bad(string field, LocalizedText message, LocalizedText fix) => BadInput(field, message, fix);

    private static CoreError BadInput(string field, LocalizedText message, LocalizedText fix) =>
        new(CoreErrorKind.BadInput, message, fix) { Field = field };
}
