using System.Security.Cryptography;

namespace Keyfolio.Core.Connections;

/// <summary>Connection ids: random, opaque, and safe as a vault credential id (no '|').</summary>
internal static class ConnectionIds
{
    public static string New() => "conn-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
