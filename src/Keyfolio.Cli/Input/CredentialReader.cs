using System.Text.Json;
using Keyfolio.Core;
using Keyfolio.Core.Connections;
using Keyfolio.Exchanges;
using Keyfolio.Exchanges.QrCodes;

namespace Keyfolio.Cli.Input;

/// <summary>
/// Gets a key's credentials the three ways allowed, never from a plain argument: JSON on standard input
/// (<c>{"apiKey","secret","passphrase"}</c>), the text of the exchange's QR code, or hidden prompts.
/// </summary>
internal static class CredentialReader
{
    private static readonly LocalizedText ApiKeyPrompt = new("API key", "API Key");
    private static readonly LocalizedText SecretPrompt = new("Secret", "Secret");
    private static readonly LocalizedText PassphrasePrompt = new("Passphrase", "Passphrase（密码短语）");

    public static async Task<CoreResult<KeyCredentials>> ReadAsync(CliSession session, ExchangeDescriptor descriptor, bool fromStdin, string? qrText, TextReader stdin)
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
            return FromQr(session, qrText, descriptor);
        }

        var apiKey = session.PromptSecret(ApiKeyPrompt);
        if (apiKey is null)
        {
            return Bad(
                "credentials",
                new("There is no terminal to type the key into.", "没有可用于输入密钥的终端。"),
                new("Pipe {\"apiKey\":…,\"secret\":…,\"passphrase\":…} into --credentials-stdin, or give the QR code's text with --qr-text.", "请通过 --credentials-stdin 从标准输入传入 {\"apiKey\":…,\"secret\":…,\"passphrase\":…}，或用 --qr-text 提供二维码文本。"));
        }

        var secret = session.PromptSecret(SecretPrompt) ?? string.Empty;
        var passphrase = descriptor.RequiresPassphrase ? session.PromptSecret(PassphrasePrompt) : null;
        return new KeyCredentials(apiKey, secret, passphrase);
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

            string? Read(string name) =>
                document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

            var apiKey = Read("apiKey");
            var secret = Read("secret");
            if (apiKey is null || secret is null)
            {
                return Bad(
                    apiKey is null ? "apiKey" : "secret",
                    new($"The JSON on standard input has no \"{(apiKey is null ? "apiKey" : "secret")}\" string.", $"标准输入中的 JSON 缺少字符串字段“{(apiKey is null ? "apiKey" : "secret")}”。"),
                    new("Give {\"apiKey\":\"…\",\"secret\":\"…\"" + (descriptor.RequiresPassphrase ? ",\"passphrase\":\"…\"" : string.Empty) + "}.", "请提供 {\"apiKey\":\"…\",\"secret\":\"…\"" + (descriptor.RequiresPassphrase ? ",\"passphrase\":\"…\"" : string.Empty) + "}。"));
            }

            return new KeyCredentials(apiKey, secret, Read("passphrase"));
        }
        catch (JsonException)
        {
            return NotJson();
        }
    }

    private static CoreResult<KeyCredentials> FromQr(CliSession session, string text, ExchangeDescriptor descriptor)
    {
        var payload = QrPayloadParser.Parse(text, descriptor.Id);
        if (payload.Format == QrPayloadFormat.Unrecognised || payload.ApiKey is null || payload.Secret is null)
        {
            return Bad("qrText", payload.Summary, new("Copy the whole text of the QR code again, or type the key and secret at the prompts instead.", "请重新复制二维码的完整文本，或改为在提示时手动输入 Key 和 Secret。"));
        }

        string? passphrase = payload.Passphrase;
        if (passphrase is null && descriptor.RequiresPassphrase)
        {
            passphrase = session.PromptSecret(PassphrasePrompt);
            if (passphrase is null)
            {
                return Bad("passphrase", payload.Summary, new("Run the command at a terminal to type the passphrase, or use --credentials-stdin with all three fields.", "请在终端中运行以输入密码短语，或使用包含全部三个字段的 --credentials-stdin。"));
            }
        }

        return new KeyCredentials(payload.ApiKey, payload.Secret, passphrase);
    }

    private static CoreResult<KeyCredentials> NotJson() => Bad(
        "credentials",
        new("Standard input is not a JSON object.", "标准输入不是 JSON 对象。"),
        new("Pipe {\"apiKey\":\"…\",\"secret\":\"…\",\"passphrase\":\"…\"} into the command.", "请通过管道传入 {\"apiKey\":\"…\",\"secret\":\"…\",\"passphrase\":\"…\"}。"));

    private static CoreResult<KeyCredentials> Bad(string field, LocalizedText message, LocalizedText fix) =>
        new CoreError(CoreErrorKind.BadInput, message, fix) { Field = field };
}
