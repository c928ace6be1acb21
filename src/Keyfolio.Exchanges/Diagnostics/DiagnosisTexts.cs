namespace Keyfolio.Exchanges.Diagnostics;

/// <summary>The explanation and fix of each category, before any exchange-specific fix replaces the generic one.</summary>
internal static class DiagnosisTexts
{
    public static LocalizedText Explanation(DiagnosisCategory category) => category switch
    {
        DiagnosisCategory.BadFormat => new(
            "A credential does not have the form this exchange gives its keys.",
            "凭证的格式与该交易所生成的密钥格式不符。"),
        DiagnosisCategory.ExchangeClosed => new(
            "This exchange has closed; its API no longer answers.",
            "该交易所已关闭，其 API 不再提供服务。"),
        DiagnosisCategory.InvalidKey => new(
            "The exchange does not recognise this API key: it was mistyped, deleted, revoked or frozen.",
            "交易所无法识别此 API Key：可能输入有误，或已被删除、撤销或冻结。"),
        DiagnosisCategory.WrongPassphrase => new(
            "The API key exists, but the passphrase is not the one chosen when the key was created.",
            "API Key 存在，但密码短语与创建该密钥时设置的不一致。"),
        DiagnosisCategory.BadSignature => new(
            "The exchange rejected the request signature: the secret does not belong to this API key.",
            "交易所拒绝了请求签名：Secret 与此 API Key 不匹配。"),
        DiagnosisCategory.NonceUsedElsewhere => new(
            "Another program has used this API key with a larger nonce, so the exchange now refuses Keyfolio's requests.",
            "另一个程序已用更大的 nonce 使用过此 API Key，因此交易所拒绝了 Keyfolio 的请求。"),
        DiagnosisCategory.IpNotAllowed => new(
            "The key is restricted to IP addresses that do not include this host's address.",
            "该密钥绑定的 IP 白名单中不包含本机的地址。"),
        DiagnosisCategory.RegionBlocked => new(
            "The exchange refuses requests from this host's location.",
            "交易所拒绝来自本机所在地区的请求。"),
        DiagnosisCategory.WrongEnvironment => new(
            "The key belongs to another environment or regional site of this exchange (demo versus live, or another region).",
            "该密钥属于此交易所的另一个环境或地区站点（模拟盘与实盘，或其他地区）。"),
        DiagnosisCategory.ClockSkew => new(
            "The request's timestamp fell outside the exchange's time window, even after correcting for the measured clock offset.",
            "即使按测得的时钟偏差进行了校正，请求的时间戳仍超出交易所允许的时间窗口。"),
        DiagnosisCategory.KeyExpired => new(
            "The exchange reports that this API key has expired.",
            "交易所报告此 API Key 已过期。"),
        DiagnosisCategory.MissingPermission => new(
            "The key works but lacks the right to read this information.",
            "密钥有效，但没有读取此信息的权限。"),
        DiagnosisCategory.RateLimited => new(
            "The exchange's request budget is used up for now.",
            "交易所的请求配额暂时已用完。"),
        DiagnosisCategory.ExchangeUnavailable => new(
            "The exchange did not answer usefully (server error, maintenance, timeout or connection failure).",
            "交易所未能正常响应（服务器错误、维护、超时或连接失败）。"),
        DiagnosisCategory.AuthorizationDenied => new(
            "The authorization was declined on the exchange's consent page; nothing was created.",
            "授权在交易所的授权页面上被拒绝；未创建任何内容。"),
        DiagnosisCategory.AuthorizationInvalid => new(
            "The authorization cannot be used: it does not belong to the connection started here, or it is unknown, expired or already used.",
            "该授权无法使用：它不属于此处发起的连接，或者未知、已过期或已被使用。"),
        DiagnosisCategory.OAuthClientRejected => new(
            "The exchange refuses Keyfolio's OAuth client settings.",
            "交易所拒绝了 Keyfolio 的 OAuth 客户端设置。"),
        DiagnosisCategory.KeyLimitReached => new(
            "The exchange allows no further key of this kind for the account.",
            "交易所不允许该账户再创建此类密钥。"),
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    public static LocalizedText Fix(DiagnosisCategory category) => category switch
    {
        DiagnosisCategory.BadFormat => new(
            "Copy the value again from the exchange's API-management page, without spaces or line breaks.",
            "请从交易所的 API 管理页面重新复制该值，不要带空格或换行。"),
        DiagnosisCategory.ExchangeClosed => new(
            "Nothing can be read from it any more. Remove the connection.",
            "已无法再读取任何数据。请删除此连接。"),
        DiagnosisCategory.InvalidKey => new(
            "Check that the key was copied completely and still exists on the exchange's API-management page; otherwise create a new read-only key.",
            "请确认密钥已完整复制，并且仍存在于交易所的 API 管理页面；否则请新建一个只读密钥。"),
        DiagnosisCategory.WrongPassphrase => new(
            "Enter the passphrase you set when creating this key. Exchanges cannot show it again: if it is lost, create a new key.",
            "请输入创建此密钥时设置的密码短语。交易所无法再次显示它：如已遗忘，请新建密钥。"),
        DiagnosisCategory.BadSignature => new(
            "Copy the secret again: it is shown only once when the key is created. Check that key and secret were not swapped; if the secret is lost, create a new key.",
            "请重新复制 Secret：它只在创建密钥时显示一次。请检查 Key 与 Secret 是否填反；如 Secret 已丢失，请新建密钥。"),
        DiagnosisCategory.NonceUsedElsewhere => new(
            "Create a new API key used by Keyfolio alone; a key shared between programs fails this way again.",
            "请新建一个仅供 Keyfolio 使用的 API Key；多个程序共用一个密钥会再次出现此问题。"),
        DiagnosisCategory.IpNotAllowed => new(
            "Add this host's public IP address to the key's IP whitelist on the exchange, or remove the restriction.",
            "请在交易所把本机的公网 IP 地址加入该密钥的 IP 白名单，或取消该限制。"),
        DiagnosisCategory.RegionBlocked => new(
            "Use the exchange's site for your region (for example its US or EEA site) or run Keyfolio where the exchange serves you.",
            "请使用您所在地区对应的站点（例如其美国站或欧洲经济区站），或在交易所提供服务的地区运行 Keyfolio。"),
        DiagnosisCategory.WrongEnvironment => new(
            "Choose the region and environment where the key was created, or create a key on the site you selected.",
            "请选择创建该密钥时所在的地区和环境，或在所选站点上新建密钥。"),
        DiagnosisCategory.ClockSkew => new(
            "Synchronise this computer's clock (enable automatic network time) and try again.",
            "请同步本机时钟（开启自动网络校时）后重试。"),
        DiagnosisCategory.KeyExpired => new(
            "Create a new read-only key; binding it to this host's IP address keeps it from expiring on most exchanges.",
            "请新建一个只读密钥；在多数交易所，为密钥绑定本机 IP 可避免其过期。"),
        DiagnosisCategory.MissingPermission => new(
            "Edit the key on the exchange and enable its read permission; Keyfolio needs nothing more.",
            "请在交易所编辑该密钥并开启读取权限；Keyfolio 不需要其他权限。"),
        DiagnosisCategory.RateLimited => new(
            "Keyfolio pauses this connection and resumes by itself at the time shown.",
            "Keyfolio 会暂停此连接，并在所示时间自动恢复。"),
        DiagnosisCategory.ExchangeUnavailable => new(
            "This is usually temporary; Keyfolio keeps the last balances and tries again later.",
            "这通常是暂时的；Keyfolio 会保留上次的余额并稍后重试。"),
        DiagnosisCategory.AuthorizationDenied => new(
            "Start again and approve on the exchange's page, or add a key by hand.",
            "请重新开始并在交易所页面上点击同意，或手动添加密钥。"),
        DiagnosisCategory.AuthorizationInvalid => new(
            "Start the connection again from Keyfolio; an authorization lasts only minutes and works once.",
            "请从 Keyfolio 重新发起连接；授权只在几分钟内有效，且只能使用一次。"),
        DiagnosisCategory.OAuthClientRejected => new(
            "Check the OAuth client id, client secret and redirect URI in Keyfolio's settings against what the exchange registered.",
            "请对照交易所登记的信息，检查 Keyfolio 设置中的 OAuth 客户端 ID、客户端密钥和重定向 URI。"),
        DiagnosisCategory.KeyLimitReached => new(
            "Delete the existing key of this kind on the exchange's API-management page, then try again.",
            "请在交易所的 API 管理页面删除已有的此类密钥，然后重试。"),
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}
