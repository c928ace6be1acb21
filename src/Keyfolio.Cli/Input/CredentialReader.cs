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
    private static readonly LocalizedText ApiKeyPrompt = new("API key", "API Key");
    private static readonly LocalizedText SecretPrompt = new("Secret", "Secret");
    private static readonly LocalizedText PassphrasePrompt = new("Passphrase", "Passphrase（密码短语）");

    private static readonly LocalizedText QrTextPrompt = new("Text of the QR code (paste it)", "二维码文本（请粘贴）");

    /// <summary>
    /// The refusal of a <c>--qr-text</c> value that is neither <c>-</c> nor an existing file: it may be the QR code's
    /// text, which an argument exposes in the process list and the shell history. Checked before anything else runs.
    /// </summary>
    public static CoreError? RefuseSecretArgument(QrTextSource? qrText) =>
        qrText is { IsPrompt: false, IsStandardInput: false, File: null }
            ? new CoreError(
                CoreErrorKind.BadInput,
                new(
                    "The QR code's text must not be passed as an argument: arguments are visible to every program on this machine while the command runs, and they stay in your shell history. The value given names no file, so Keyfolio did not use it.",
                    "二维码文本不能作为命令行参数传入：命令运行期间，本机的任何程序都能看到参数，且参数会留在 shell 历史记录中。所给的值不是已有的文件，因此 Keyfolio 没有使用它。"),
                new(
                    "Give the QR text at a hidden prompt (--qr-text alone), on standard input (--qr-text -) or in a file only you can read (--qr-text FILE). If what you typed was the QR code's text, consider the key exposed: delete it on the exchange, create a new one, and remove that line from your shell history.",
                    "请在隐藏提示中粘贴二维码文本（只写 --qr-text），或通过标准输入（--qr-text -），或放在只有您能读取的文件中（--qr-text FILE）。如果您输入的正是二维码文本，请视该密钥为已泄露：在交易所删除它并新建一个，并从 shell 历史记录中删除那一行。"))
            { Field = "qrText" }
            : null;

    public static async Task<CoreResult<KeyCredentials>> ReadAsync(CliSession session, ExchangeDescriptor descriptor, bool fromStdin, QrTextSource? qrText, TextReader stdin)
    {
        if (fromStdin && qrText is not null)
        {
            return Bad("credentials", new("Give the credentials one way: --credentials-stdin or --qr-text, not both.", "请只用一种方式提供凭证：--credentials-stdin 或 --qr-text，不要同时使用。"), new("Drop one of the two options.", "请去掉其中一个选项。"));
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
                    new("There is no terminal to paste the QR code's text into.", "没有可用于粘贴二维码文本的终端。"),
                    new("Give it on standard input (--qr-text -) or in a file only you can read (--qr-text FILE).", "请通过标准输入（--qr-text -）或只有您能读取的文件（--qr-text FILE）提供。"))
                : FromQr(session, text, descriptor);
        }

        var apiKey = session.PromptSecret(ApiKeyPrompt);
        if (apiKey is null)
        {
            return Bad(
                "credentials",
                new("There is no terminal to type the key into.", "没有可用于输入密钥的终端。"),
                new("Pipe {\"apiKey\":…,\"secret\":…,\"passphrase\":…} into --credentials-stdin, or the QR code's text into --qr-text -.", "请通过 --credentials-stdin 从标准输入传入 {\"apiKey\":…,\"secret\":…,\"passphrase\":…}，或通过 --qr-text - 从标准输入传入二维码文本。"));
        }

        var secret = session.PromptSecret(SecretPrompt) ?? string.Empty;
        // A passphrase every key has is asked for as such; an optional one (a 2FA password) by the exchange's label, and may be left empty.
        var passphraseField = descriptor.CredentialFields.FirstOrDefault(f => f.Kind == CredentialFieldKind.Passphrase);
        var passphrase = passphraseField switch
        {
            null => null,
            { Required: true } => session.PromptSecret(PassphrasePrompt),
            _ => session.PromptSecret(new LocalizedText(passphraseField.Label.En + " — press Enter to skip", passphraseField.Label.Zh + " —— 没有请直接按回车"), allowEmpty: true),
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
                new($"Standard input is not a JSON object with a \"{name}\" string.", $"标准输入不是含字符串字段“{name}”的 JSON 对象。"),
                new($"Pipe {{\"{name}\":\"…\"}} into the command.", $"请通过管道传入 {{\"{name}\":\"…\"}}。"));
        }

        var label = descriptor.CredentialFields.First(f => f.Kind == field).Label;
        var typed = session.PromptSecret(field == CredentialFieldKind.Passphrase ? PassphrasePrompt : label);
        return typed is null
            ? BadInput(
                name,
                new("There is no terminal to type it into.", "没有可用于输入的终端。"),
                new($"Pipe {{\"{name}\":\"…\"}} into --credentials-stdin.", $"请通过 --credentials-stdin 从标准输入传入 {{\"{name}\":\"…\"}}。"))
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
                    new($"The \"{broken}\" string in the JSON on standard input holds a \\u escape that is not a character (half of a UTF-16 surrogate pair).", $"标准输入 JSON 中的“{broken}”字符串含有不代表任何字符的 \\u 转义（UTF-16 代理对的一半）。"),
                    new($"Copy the \"{broken}\" value again from the exchange and give it as plain text, without \\u escapes.", $"请从交易所重新复制“{broken}”的值，以纯文本提供，不要使用 \\u 转义。"));
            }

            if (apiKey is null || secret is null)
            {
                return Bad(
                    apiKey is null ? "apiKey" : "secret",
                    new($"The JSON on standard input has no \"{(apiKey is null ? "apiKey" : "secret")}\" string.", $"标准输入中的 JSON 缺少字符串字段“{(apiKey is null ? "apiKey" : "secret")}”。"),
                    new("Give {\"apiKey\":\"…\",\"secret\":\"…\"" + (descriptor.RequiresPassphrase ? ",\"passphrase\":\"…\"" : string.Empty) + "}.", "请提供 {\"apiKey\":\"…\",\"secret\":\"…\"" + (descriptor.RequiresPassphrase ? ",\"passphrase\":\"…\"" : string.Empty) + "}。"));
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
            return Bad("qrText", payload.Summary, new("Copy the whole text of the QR code again, or type the key and secret at the prompts instead.", "请重新复制二维码的完整文本，或改为在提示时手动输入 Key 和 Secret。"));
        }

        if (payload.LooksLike.Count > 0)
        {
            var commands = payload.LooksLike.Select(id => "keyfolio connect " + id.ToName()).ToList();
            return Bad("qrText", payload.Summary, new(
                $"Use the QR code {descriptor.DisplayName} shows when it creates the key, or connect this key under its own exchange ({string.Join(" or ", commands)}).",
                $"请使用 {descriptor.DisplayName} 创建密钥时显示的二维码，或在其所属交易所下连接此密钥（{string.Join(" 或 ", commands)}）。"));
        }

        string? typedPassphrase = null;
        if (!payload.HasPassphrase && descriptor.RequiresPassphrase)
        {
            typedPassphrase = session.PromptSecret(PassphrasePrompt);
            if (typedPassphrase is null)
            {
                return Bad("passphrase", payload.Summary, new("Run the command at a terminal to type the passphrase, or use --credentials-stdin with all three fields.", "请在终端中运行以输入密码短语，或使用包含全部三个字段的 --credentials-stdin。"));
            }
        }

        return new KeyCredentials(payload.ApiKey, payload.Secret, payload.HasPassphrase ? payload.Passphrase : typedPassphrase);
    }

    private static CoreResult<KeyCredentials> NotJson() => Bad(
        "credentials",
        new("Standard input is not a JSON object.", "标准输入不是 JSON 对象。"),
        new("Pipe {\"apiKey\":\"…\",\"secret\":\"…\",\"passphrase\":\"…\"} into the command.", "请通过管道传入 {\"apiKey\":\"…\",\"secret\":\"…\",\"passphrase\":\"…\"}。"));

    private static CoreResult<KeyCredentials> Bad(string field, LocalizedText message, LocalizedText fix) => BadInput(field, message, fix);

    private static CoreError BadInput(string field, LocalizedText message, LocalizedText fix) =>
        new(CoreErrorKind.BadInput, message, fix) { Field = field };
}
