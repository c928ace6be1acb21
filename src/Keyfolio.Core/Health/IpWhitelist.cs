using System.Net;

namespace Keyfolio.Core.Health;

/// <summary>Whether an address is on a key's whitelist, which may hold single addresses or CIDR ranges (OKX allows both),
/// or IPv4 addresses whose middle the exchange hides (<c>203.**.154</c>, KuCoin): those match every address they can be.</summary>
public static class IpWhitelist
{
    public static bool Contains(IEnumerable<string> whitelist, string address)
    {
        ArgumentNullException.ThrowIfNull(whitelist);
        if (!IPAddress.TryParse(address, out var ip))
        {
            return false;
        }

        ip = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
        foreach (var entry in whitelist)
        {
            var trimmed = entry.Trim();
            if (trimmed.Contains('/', StringComparison.Ordinal))
            {
                if (IPNetwork.TryParse(trimmed, out var network) && network.Contains(ip))
                {
                    return true;
                }
            }
            else if (IPAddress.TryParse(trimmed, out var listed) && listed.Equals(ip))
            {
                return true;
            }
            else if (trimmed.Contains('*', StringComparison.Ordinal) && MaskedMatches(trimmed, ip))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A masked IPv4 entry (<c>203.**.154</c>): the first and last octets must match; the hidden middle may be anything.</summary>
    private static bool MaskedMatches(string entry, IPAddress ip)
    {
        var parts = entry.Split('.');
        if (ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || parts.Length is < 2 or > 4
            || !byte.TryParse(parts[0], out var first) || !byte.TryParse(parts[^1], out var last))
        {
            return false;
        }

        var octets = ip.GetAddressBytes();
        return first == octets[0] && last == octets[3] && parts[1..^1].All(part => part.Trim('*').Length == 0);
    }
}
