using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyfolio.Core.Alerts;

/// <summary>
/// Posts each alert to the webhook: Keyfolio's JSON <c>{type, severity, connection, exchange, message, fix, at}</c> with
/// <c>X-Keyfolio-Signature: sha256=&lt;hex HMAC-SHA256 of the body under the secret&gt;</c> and <c>X-Keyfolio-Timestamp</c>
/// (Unix seconds of sending), or the same event formatted for ntfy, Slack or Discord. Texts are in the language of
/// <see cref="AlertOptions.Language"/>. A 2xx answer is a delivery; anything else is retried.
/// </summary>
internal sealed class WebhookChannel(AlertOptions options, AlertSecrets secrets, HttpClient client, TimeProvider time) : IAlertChannel
{
    public const string SignatureHeader = "X-Keyfolio-Signature";
    public const string TimestampHeader = "X-Keyfolio-Timestamp";

    /// <summary>Discord refuses a message content over 2,000 characters.</summary>
    private const int DiscordLimit = 2000;

    public const string ChannelName = "webhook";

    public string Name => ChannelName;

    public bool IsOn => Webhook?.Url is not null;

    /// <summary>The webhook in use: the configured one, else the one kept in the vault while it is unlocked.</summary>
    private WebhookOptions? Webhook => options.Webhook.Url is not null ? options.Webhook : secrets.VaultWebhook;

    public async Task<DeliveryAttempt> SendAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        using var request = BuildRequest(alert);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            return response.IsSuccessStatusCode ? new DeliveryAttempt(true, "HTTP " + status) : new DeliveryAttempt(false, "HTTP " + status);
        }
        catch (HttpRequestException exception)
        {
            return new DeliveryAttempt(false, exception.HttpRequestError == HttpRequestError.Unknown ? "no answer" : "no answer (" + exception.HttpRequestError + ")");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryAttempt(false, "no answer in time");
        }
    }

    internal HttpRequestMessage BuildRequest(AlertEvent alert)
    {
        var webhook = Webhook ?? throw new InvalidOperationException("The webhook has no URL.");
        var url = webhook.Url ?? throw new InvalidOperationException("The webhook has no URL.");
        var culture = options.Culture;
        var body = webhook.Preset switch
        {
            WebhookPreset.Ntfy => Encoding.UTF8.GetBytes(Text(alert, culture, bold: null)),
            // Slack reads &, < and > as its own markup, so they are escaped (https://api.slack.com/reference/surfaces/formatting#escaping).
            WebhookPreset.Slack => Json(new JsonObject { ["text"] = Text(alert, culture, bold: "*").Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal) }),
            WebhookPreset.Discord => Json(new JsonObject { ["content"] = Limit(Text(alert, culture, bold: "**"), DiscordLimit) }),
            _ => Json(new JsonObject
            {
                ["type"] = AlertCodes.ToCode(alert.Type),
                ["severity"] = AlertCodes.ToCode(alert.Severity),
                ["connection"] = alert.ConnectionLabel,
                ["exchange"] = alert.ExchangeName,
                ["message"] = alert.Message.For(culture),
                ["fix"] = alert.Fix.For(culture),
                ["at"] = alert.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            }),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = webhook.Preset == WebhookPreset.Ntfy
            ? new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" }
            : new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(TimestampHeader, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        Span<byte> mac = stackalloc byte[32];
        if (secrets.TrySignWebhook(body, mac))
        {
            request.Headers.TryAddWithoutValidation(SignatureHeader, "sha256=" + Convert.ToHexStringLower(mac));
        }

        if (webhook.Preset == WebhookPreset.Ntfy)
        {
            // ntfy's publishing headers (https://docs.ntfy.sh/publish/): priority 1–5 and tags shown as emoji; the title
            // stays in the body, as a header would need an encoding for Chinese text.
            request.Headers.TryAddWithoutValidation("Priority", alert.Severity switch { AlertSeverity.Critical => "5", AlertSeverity.Warning => "4", _ => "3" });
            request.Headers.TryAddWithoutValidation("Tags", alert.Severity switch { AlertSeverity.Critical => "rotating_light", AlertSeverity.Warning => "warning", _ => "information_source" });
        }

        return request;
    }

    private static string Text(AlertEvent alert, CultureInfo culture, string? bold)
    {
        var title = "Keyfolio: " + AlertTexts.Title(alert.Type).For(culture);
        return (bold is null ? title : bold + title + bold) + "\n" + alert.Message.For(culture) + "\n" + alert.Fix.For(culture);
    }

    private static string Limit(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static byte[] Json(JsonObject body) => JsonSerializer.SerializeToUtf8Bytes(body, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
