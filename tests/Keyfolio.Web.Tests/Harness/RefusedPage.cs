using System.Net;
using System.Text.RegularExpressions;

namespace Keyfolio.Web.Tests.Harness;

/// <summary>What a refused form's redirect showed: its address, the page read there, the same address read again, and
/// the address the page says the refusal is kept under now.</summary>
public sealed partial record RefusedPage(string Location, string Page, string Again, string? Renewed)
{
    /// <summary>
    /// Submits a form the page refuses and checks it answers 303 to the page itself with a form id, with none of
    /// <paramref name="secrets"/> in the address or the page; then reads the page there twice.
    /// </summary>
    public static async Task<RefusedPage> SubmitAsync(HttpClient client, string path, string formName, IEnumerable<KeyValuePair<string, string>> fields, params string[] secrets)
    {
        using var refused = await PageForms.SubmitAsync(client, path, formName, fields);
        Assert.True(refused.StatusCode == HttpStatusCode.SeeOther, path + " " + formName + " answered " + (int)refused.StatusCode + ", not 303.");
        // The page's own address, on this site (the redirect names it in full).
        var location = refused.Headers.Location is { IsAbsoluteUri: true } absolute && absolute.Host == client.BaseAddress?.Host
            ? absolute.PathAndQuery
            : refused.Headers.Location?.OriginalString ?? string.Empty;
        Assert.Matches("^" + Regex.Escape(path) + "\\?form=[0-9a-f]{32}$", location);
        var page = await client.GetStringAsync(location);
        var again = await client.GetStringAsync(location);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, location, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(secret), location, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        }

        var renewed = Address().Match(page);
        return new RefusedPage(location, page, again, renewed.Success ? WebUtility.HtmlDecode(renewed.Groups[1].Value) : null);
    }

    public string Decoded => WebUtility.HtmlDecode(Page);

    public string AgainDecoded => WebUtility.HtmlDecode(Again);

    [GeneratedRegex("data-refused-form=\"([^\"]+)\"")]
    private static partial Regex Address();
}
