using Keyfolio.Core.Health;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Connections;

/// <summary>
/// Sharpens a refusal with what Keyfolio knows and the exchange's answer cannot say: Binance's <c>-2015</c> is
/// reported as "invalid key, or IP not allowed"; when the key's whitelist and this host's address are both known and
/// the address is not on it, it is the IP.
/// </summary>
internal static class DiagnosisRefinement
{
    public static Diagnosis Refine(Diagnosis diagnosis, KeyFacts? knownFacts, string? egressIp)
    {
        if (diagnosis.Category == DiagnosisCategory.InvalidKey
            && diagnosis.OtherPossibleCauses.Contains(DiagnosisCategory.IpNotAllowed)
            && knownFacts?.IpWhitelist is { Count: > 0 } whitelist
            && egressIp is not null
            && !IpWhitelist.Contains(whitelist, egressIp))
        {
            return diagnosis with
            {
                Category = DiagnosisCategory.IpNotAllowed,
                CallerIp = egressIp,
                OtherPossibleCauses = [],
                Explanation = new(
                    $"The key is restricted to {string.Join(", ", whitelist)}, which does not include this host's address {egressIp}.",
                    $"此密钥只允许 {string.Join("、", whitelist)} 访问，不包含本机地址 {egressIp}。"),
                Fix = new(
                    $"Add {egressIp} to the key's IP whitelist on the exchange, or remove the restriction.",
                    $"请在交易所把 {egressIp} 加入此密钥的 IP 白名单，或取消该限制。"),
            };
        }

        return diagnosis;
    }
}
