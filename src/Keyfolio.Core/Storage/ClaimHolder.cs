using System.Globalization;
using System.Security.Cryptography;

namespace Keyfolio.Core.Storage;

/// <summary>How a server names itself in the rows it claims (sync leases, alert deliveries) on a shared database.</summary>
internal static class ClaimHolder
{
    /// <summary>Machine, process and a random part, so two claimers in one process differ too; at most 60 characters.</summary>
    public static string NewName()
    {
        var machine = Environment.MachineName.Length <= 40 ? Environment.MachineName : Environment.MachineName[..40];
        return string.Create(CultureInfo.InvariantCulture, $"{machine}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
    }
}
