using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.Bybit;

internal static partial class BybitDescriptor
{
    private static readonly Uri ApiPage = new("https://www.bybit.com/app/user/api-management");
    private const string WithdrawRight = "Withdrawal";

    public static ExchangeDescriptor Instance { get; } = new()
    {
        Id = ExchangeId.Bybit,
        Name = "bybit",
        DisplayName = "Bybit",
        CredentialFields =
        [
            // System-generated keys: an 18-character key and a 36-character secret (Bybit V5 docs, whose examples were changed on
            // 2025-04-11 "to reflect the correct API key and secret lengths": https://bybit-exchange.github.io/docs/v5/guide).
            new(CredentialFieldKind.ApiKey, new("API Key", "API Key"), true, new(KeyPattern(), new("18 letters and digits", "18 位字母和数字"))),
            new(CredentialFieldKind.Secret, new("API Secret", "API Secret（密钥）"), true, new(SecretPattern(), new("36 letters and digits", "36 位字母和数字"))),
        ],

        // Bybit V5, "Integration Guidance" → "Base endpoint" (https://bybit-exchange.github.io/docs/v5/guide). The EEA host
        // api.bybit.eu serves only "Connect to Third-Party Applications" keys of API brokers, so it is not offered.
        Hosts =
        [
            new("global", new("Bybit (api.bybit.com)", "Bybit（api.bybit.com）"), ExchangeEnvironment.Live, new Uri("https://api.bybit.com")),
            new("global", new("Bybit (api.bybit.com)", "Bybit（api.bybit.com）"), ExchangeEnvironment.Testnet, new Uri("https://api-testnet.bybit.com")),
            new("bytick", new("Bybit (api.bytick.com)", "Bybit（api.bytick.com）"), ExchangeEnvironment.Live, new Uri("https://api.bytick.com")),
            new("nl", new("Bybit Netherlands", "Bybit 荷兰站"), ExchangeEnvironment.Live, new Uri("https://api.bybit.nl")),
            new("tr", new("Bybit Türkiye", "Bybit 土耳其站"), ExchangeEnvironment.Live, new Uri("https://api.bybit.tr")),
            new("kz", new("Bybit Kazakhstan", "Bybit 哈萨克斯坦站"), ExchangeEnvironment.Live, new Uri("https://api.bybit.kz")),
            new("ge", new("Bybit Georgia", "Bybit 格鲁吉亚站"), ExchangeEnvironment.Live, new Uri("https://api.bybitgeorgia.ge")),
            new("ae", new("Bybit UAE", "Bybit 阿联酋站"), ExchangeEnvironment.Live, new Uri("https://api.bybit.ae")),
            new("id", new("Bybit Indonesia", "Bybit 印度尼西亚站"), ExchangeEnvironment.Live, new Uri("https://api.bybit.id")),
            new("jp", new("Bybit Japan (api.manepa.jp)", "Bybit 日本站（api.manepa.jp）"), ExchangeEnvironment.Live, new Uri("https://api.manepa.jp")),
            new("jp", new("Bybit Japan (api.manepa.jp)", "Bybit 日本站（api.manepa.jp）"), ExchangeEnvironment.Testnet, new Uri("https://api-testnet.manepa.jp")),
        ],
        ApiManagementPage = ApiPage,
        Guide = BybitGuide.Instance,
        WithdrawalRight = new(
            WithdrawRight,
            new($"On Bybit, open API Management ({ApiPage}), edit this key, choose \"Read-Only\" and untick \"{WithdrawRight}\" under \"Wallet\"; or delete it and create a read-only key.",
                $"在 Bybit 打开 API 管理（{ApiPage}），编辑此密钥，选择“只读”，并在“钱包”（Wallet）下取消勾选“提现”（Withdrawal）；或删除此密钥并新建只读密钥。")),
        OffersIpWhitelist = true,
    };

    [GeneratedRegex("^[A-Za-z0-9]{18}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Za-z0-9]{36}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
