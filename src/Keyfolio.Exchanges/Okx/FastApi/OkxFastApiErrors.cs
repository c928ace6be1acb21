using System.Text.Json;
using System.Text.RegularExpressions;
using Keyfolio.Exchanges.Diagnostics;
using Keyfolio.Exchanges.Http;
using Keyfolio.Exchanges.Parsing;

namespace Keyfolio.Exchanges.Okx.FastApi;

/// <summary>
/// OKX's Fast API refusals, in OKX's <c>{"code","msg"}</c> form or OAuth's <c>{"error","error_description"}</c>
/// (RFC 6749 §5.2, the callback's §4.1.2.1), as diagnoses with fixes. OKX documents <c>53016</c>, <c>53014</c>,
/// <c>53017</c>, <c>50116</c> and <c>50118</c>; for the rest of its 53000–53017 range the numbering follows Keyfolio's
/// simulator, and any other 53xxx code is read by its HTTP status.
/// </summary>
internal static partial class OkxFastApiErrors
{
    private static readonly LocalizedText ClientExplanation = new(
        "OKX does not accept the OAuth client: the client id is unknown or the client secret is wrong.",
        "OKX 不接受该 OAuth 客户端：客户端 ID 未知，或客户端密钥错误。");

    private static readonly LocalizedText ClientFix = new(
        "Check ClientId and the client secret in Keyfolio's Fast API settings: they must be the pair OKX sent when it approved the OAuth broker application.",
        "请检查 Keyfolio 快捷 API 设置中的 ClientId 和客户端密钥：它们必须是 OKX 批准 OAuth 经纪商申请时发送的那一对。");

    private static readonly LocalizedText RedirectExplanation = new(
        "OKX refused the redirect URI: it is not registered for this client, or not the one the authorization was started with.",
        "OKX 拒绝了该重定向 URI：它未为此客户端登记，或与发起授权时使用的不一致。");

    private static readonly LocalizedText RedirectFix = new(
        "Set RedirectUri to the callback address registered with OKX, identical in scheme, host, port and path, then start Fast connect again.",
        "请将 RedirectUri 设置为在 OKX 登记的回调地址（协议、主机、端口和路径须完全一致），然后重新发起快捷连接。");

    private static readonly LocalizedText CodeExplanation = new(
        "OKX refused the authorization code: it is unknown, expired (codes last minutes) or already used.",
        "OKX 拒绝了授权码：它未知、已过期（授权码只在几分钟内有效）或已被使用。");

    private static readonly LocalizedText RefreshExplanation = new(
        "OKX refused the refresh token: it is unknown, expired (after three days) or already used.",
        "OKX 拒绝了刷新令牌：它未知、已过期（三天后失效）或已被使用。");

    private static readonly LocalizedText AccessExplanation = new(
        "OKX refused the access token: it is unknown or expired (access tokens last one hour).",
        "OKX 拒绝了访问令牌：它未知或已过期（访问令牌有效期为一小时）。");

    private static readonly LocalizedText StartAgainFix = new(
        "Start Fast connect again from Keyfolio; each authorization works once, within minutes.",
        "请从 Keyfolio 重新发起快捷连接；每次授权只能在几分钟内使用一次。");

    public static ExchangeError? Classify(ExchangeResponse response, OkxFastApiStep step)
    {
        using var document = JsonValues.TryParse(response.Body);
        if (document?.RootElement is { ValueKind: JsonValueKind.Object } root)
        {
            var code = JsonValues.String(root, "code");
            if (code is not null && code != "0")
            {
                return ForOkxCode(code, JsonValues.String(root, "msg"), response, step);
            }

            if (JsonValues.String(root, "error") is { Length: > 0 } error)
            {
                return ForOAuthError(error, JsonValues.String(root, "error_description"), step);
            }
        }

        return ByStatus(response.StatusCode, step, null, null);
    }

    /// <summary>The callback's <c>error</c> parameter, or an OAuth error body.</summary>
    public static ExchangeError ForOAuthError(string error, string? description, OkxFastApiStep? step) => error switch
    {
        "access_denied" => new(DiagnosisCategory.AuthorizationDenied, error, description, Explanation: new(
                "The OKX account owner declined on OKX's consent page, so no key was created.",
                "OKX 账户持有人在 OKX 授权页面上拒绝了授权，因此未创建密钥。"), Fix: new(
                "Start Fast connect again and approve on OKX's page, or add an OKX key by hand.",
                "请重新发起快捷连接并在 OKX 页面上同意授权，或手动添加 OKX 密钥。")),
        "invalid_client" or "unauthorized_client" => new(DiagnosisCategory.OAuthClientRejected, error, description, Explanation: ClientExplanation, Fix: ClientFix),
        "redirect_uri_mismatch" => new(DiagnosisCategory.OAuthClientRejected, error, description, Explanation: RedirectExplanation, Fix: RedirectFix),
        "invalid_scope" => FastApiNotEnabled(error, description),
        "invalid_grant" or "invalid_token" => TokenRefused(step ?? OkxFastApiStep.ExchangeCode, error, description),
        "server_error" or "temporarily_unavailable" => new(DiagnosisCategory.ExchangeUnavailable, error, description),
        _ => new(DiagnosisCategory.OAuthClientRejected, error, description),
    };

    private static ExchangeError ForOkxCode(string code, string? message, ExchangeResponse response, OkxFastApiStep step) => code switch
    {
        "53001" => new(DiagnosisCategory.OAuthClientRejected, code, message, Explanation: ClientExplanation, Fix: ClientFix),
        "53016" => new(DiagnosisCategory.OAuthClientRejected, code, message, Explanation: RedirectExplanation, Fix: RedirectFix),
        "53003" or "53004" or "53005" => TokenRefused(step, code, message),
        "53017" => FastApiNotEnabled(code, message),
        "53014" or "50118" => new(DiagnosisCategory.OAuthClientRejected, code, message, Explanation: new(
                "OKX refuses Fast API requests from this server's IP address: Fast API works only from the broker's whitelisted servers.",
                "OKX 拒绝来自本服务器 IP 地址的快捷 API 请求：快捷 API 只能从经纪商白名单中的服务器使用。"), Fix: new(
                "Give OKX this server's public IP address for the broker's IP whitelist, or add OKX keys by hand.",
                "请把本服务器的公网 IP 地址提供给 OKX，加入经纪商 IP 白名单；或手动添加 OKX 密钥。")),
        "50116" => new(DiagnosisCategory.KeyLimitReached, code, message, Explanation: new(
                "OKX allows one Fast API key per user for each app, and this OKX account already has one for Keyfolio.",
                "OKX 对每个应用只允许每位用户创建一个快捷 API 密钥，而此 OKX 账户已为 Keyfolio 创建过一个。"), Fix: new(
                $"On OKX, open API management ({OkxDescriptor.Instance.ApiManagementPage}), delete the Fast API key made for Keyfolio, then start Fast connect again.",
                $"请在 OKX 打开 API 管理页面（{OkxDescriptor.Instance.ApiManagementPage}），删除为 Keyfolio 创建的快捷 API 密钥，然后重新发起快捷连接。")),
        "51000" or "50014" => ParameterRefused(code, message),
        _ when code.StartsWith("53", StringComparison.Ordinal) =>
            ByStatus(response.StatusCode, step, code, message) ?? new(DiagnosisCategory.OAuthClientRejected, code, message),
        _ => OkxErrors.Classify(response) ?? ByStatus(response.StatusCode, step, code, message) ?? new(DiagnosisCategory.ExchangeUnavailable, code, message),
    };

    /// <summary>What an OAuth endpoint's status means when its body names nothing more precise.</summary>
    private static ExchangeError? ByStatus(int status, OkxFastApiStep step, string? code, string? message) => status switch
    {
        404 when step == OkxFastApiStep.CreateKey => new(DiagnosisCategory.OAuthClientRejected, code, message, Explanation: new(
                "OKX has no Fast API key endpoint under the configured API address.",
                "在所配置的 API 地址下找不到 OKX 的快捷 API 密钥接口。"), Fix: new(
                "Set ApiBaseUrl to the OKX site's address, such as https://www.okx.com.",
                "请将 ApiBaseUrl 设置为 OKX 站点地址，例如 https://www.okx.com。")),
        404 => new(DiagnosisCategory.OAuthClientRejected, code, message, Explanation: new(
                "OKX has no token endpoint at the configured path.",
                "在所配置的路径下找不到 OKX 的令牌接口。"), Fix: new(
                $"Set TokenPath to {OkxFastApiOptions.DefaultTokenPath} (as OKX integrations call it) or /api/v5/users/oauth/token (as one OKX SDK does), and check ApiBaseUrl.",
                $"请将 TokenPath 设置为 {OkxFastApiOptions.DefaultTokenPath}（OKX 集成方使用的路径）或 /api/v5/users/oauth/token（某个 OKX SDK 使用的路径），并检查 ApiBaseUrl。")),
        401 => TokenRefused(step, code, message),
        400 or 403 => new(DiagnosisCategory.OAuthClientRejected, code, message),
        _ => null,
    };

    private static ExchangeError TokenRefused(OkxFastApiStep step, string? code, string? message) => step switch
    {
        OkxFastApiStep.ExchangeCode => new(DiagnosisCategory.AuthorizationInvalid, code, message, Explanation: CodeExplanation, Fix: StartAgainFix),
        OkxFastApiStep.Refresh => new(DiagnosisCategory.AuthorizationInvalid, code, message, Explanation: RefreshExplanation, Fix: StartAgainFix),
        _ => new(DiagnosisCategory.AuthorizationInvalid, code, message, Explanation: AccessExplanation, Fix: StartAgainFix),
    };

    private static ExchangeError FastApiNotEnabled(string code, string? message) => new(DiagnosisCategory.OAuthClientRejected, code, message, Explanation: new(
            "The OAuth client may not create API keys: OKX has not enabled the Fast API permission for it.",
            "该 OAuth 客户端无权创建 API 密钥：OKX 尚未为其开通快捷 API 权限。"), Fix: new(
            "Ask OKX to enable the Fast API permission for the broker application, or add OKX keys by hand.",
            "请联系 OKX 为该经纪商申请开通快捷 API 权限，或手动添加 OKX 密钥。"));

    /// <summary>OKX's <c>51000 Parameter {name} error</c> and <c>50014 Parameter {name} can not be empty</c>.</summary>
    private static ExchangeError ParameterRefused(string code, string? message)
    {
        var field = message is not null && ParameterPattern().Match(message) is { Success: true } match ? match.Groups[1].Value : null;
        return field switch
        {
            "passphrase" => new(DiagnosisCategory.BadFormat, code, message, Field: field, Explanation: new(
                    "OKX refused the passphrase for the new key. OKX requires 8 to 32 characters with a digit, an upper-case letter, a lower-case letter and a special character.",
                    "OKX 拒绝了新密钥的 Passphrase。OKX 要求 8 至 32 个字符，且包含数字、大写字母、小写字母和特殊字符。"), Fix: new(
                    "Start Fast connect again: Keyfolio makes a new passphrase each time. If OKX keeps refusing, create a read-only key by hand on OKX and enter it.",
                    "请重新发起快捷连接：Keyfolio 每次都会生成新的 Passphrase。如 OKX 仍然拒绝，请在 OKX 手动创建只读密钥并填入。")),
            "label" => new(DiagnosisCategory.BadFormat, code, message, Field: field, Explanation: new(
                    "OKX refused the name for the new key.",
                    "OKX 拒绝了新密钥的名称。"), Fix: new(
                    "Set KeyLabel in the Fast API settings to a short name, such as Keyfolio.",
                    "请在快捷 API 设置中把 KeyLabel 设为简短的名称，例如 Keyfolio。")),
            "ip" => new(DiagnosisCategory.BadFormat, code, message, Field: field, Explanation: new(
                    "OKX refused the IP addresses for the new key.",
                    "OKX 拒绝了新密钥的 IP 地址。"), Fix: new(
                    "Give at most 20 IPv4 or IPv6 addresses or ranges, or none.",
                    "请填写最多 20 个 IPv4 或 IPv6 地址或网段，或不填。")),
            _ => new(DiagnosisCategory.BadFormat, code, message, Field: field, Explanation: new(
                    "OKX refused a parameter of the key request.",
                    "OKX 拒绝了创建密钥请求中的某个参数。"), Fix: new(
                    "Create a read-only key by hand on OKX and enter it.",
                    "请在 OKX 手动创建只读密钥并填入。")),
        };
    }

    [GeneratedRegex(@"^Parameter (\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterPattern();

    /// <summary>A diagnosis for a refusal found without an answer from OKX (the callback, a local check).</summary>
    public static Diagnosis ToDiagnosis(ExchangeError error) => new()
    {
        Category = error.Category,
        Exchange = ExchangeId.Okx,
        ExchangeCode = error.Code,
        ExchangeMessage = error.Message,
        Field = error.Field,
        Explanation = error.Explanation ?? DiagnosisTexts.Explanation(error.Category),
        Fix = error.Fix ?? DiagnosisTexts.Fix(error.Category),
    };

    public static Diagnosis Unreadable(int status) => new()
    {
        Category = DiagnosisCategory.ExchangeUnavailable,
        Exchange = ExchangeId.Okx,
        HttpStatus = status,
        ExchangeMessage = "The exchange's answer could not be read.",
        Explanation = DiagnosisTexts.Explanation(DiagnosisCategory.ExchangeUnavailable),
        Fix = DiagnosisTexts.Fix(DiagnosisCategory.ExchangeUnavailable),
    };
}
