using System.Net;

namespace Keyfolio.Core.Health;

/// <summary>Whether an address is on a key's whitelist, which may hold single addresses or CIDR ranges (OKX allows both).</summary>
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
        }

        return false;
    }
}
