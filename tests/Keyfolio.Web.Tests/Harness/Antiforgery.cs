using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Keyfolio.Web.Api;

namespace Keyfolio.Web.Tests.Harness;

/// <summary>Fetches antiforgery tokens the way a browser page or an API client would.</summary>
public static partial class Antiforgery
{
    /// <summary>The token an API client gets from GET /api/antiforgery (the client keeps the cookie).</summary>
    public static async Task<AntiforgeryTokenResponse> ForApiAsync(HttpClient client)
    {
        var token = await client.GetFromJsonAsync<AntiforgeryTokenResponse>("/api/antiforgery");
        return token!;
    }

    /// <summary>The hidden form token of a rendered page (the client keeps the cookie).</summary>
    public static async Task<string> FromPageAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return FormToken().Match(html).Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
