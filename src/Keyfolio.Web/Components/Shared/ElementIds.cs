using System.Security.Cryptography;

namespace Keyfolio.Web.Components.Shared;

/// <summary>Unique element ids for components that wire a control to its target (a popover, a video).</summary>
internal static class ElementIds
{
    public static string New(string prefix) => prefix + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
