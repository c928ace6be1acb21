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
                Explanation = Texts.Of("TheKeyIsRestrictedTo", LocalizedText.List(whitelist), egressIp),
                Fix = Texts.Of("AddToTheKeysIP", egressIp),
            };
        }

        return diagnosis;
    }
}
