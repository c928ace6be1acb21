using System.Net;
using System.Text.RegularExpressions;

namespace Keyfolio.Testing;

/// <summary>
/// Does with the simulator's consent page what a browser does: opens the authorize URL, submits the page's form with
/// the button the user clicks (its hidden fields plus the button's own name and value) and stops at the redirect,
/// returning where it points instead of following it.
/// </summary>
public sealed partial class ConsentBrowser : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public Task<HttpResponseMessage> OpenAsync(Uri authorizeUrl) => _http.GetAsync(authorizeUrl);

    /// <summary>Opens the consent page, clicks the button with this id (<c>approve</c> or <c>deny</c>) and returns the redirect's target.</summary>
    public async Task<Uri> ClickAsync(Uri authorizeUrl, string buttonId)
    {
        using var page = await OpenAsync(authorizeUrl);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"The consent page answered {(int)page.StatusCode}: {html}");
        var form = FormPattern().Match(html);
        Assert.True(form.Success, "The consent page has no form.");
        var fields = HiddenInputPattern().Matches(form.Groups["body"].Value)
            .Select(m => KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value)))
            .ToList();
        var button = ButtonPattern().Matches(form.Groups["body"].Value).Single(m => m.Groups["id"].Value == buttonId);
        fields.Add(KeyValuePair.Create(button.Groups["name"].Value, button.Groups["value"].Value));

        var action = new Uri(authorizeUrl, WebUtility.HtmlDecode(form.Groups["action"].Value));
        using var submitted = await _http.PostAsync(action, new FormUrlEncodedContent(fields));
        Assert.True(submitted.StatusCode == HttpStatusCode.Found, $"Submitting the consent form answered {(int)submitted.StatusCode}.");
        return submitted.Headers.Location ?? throw new InvalidOperationException("The redirect has no Location.");
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*)\">(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInputPattern();

    [GeneratedRegex("<button type=\"submit\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\" id=\"(?<id>[^\"]*)\">")]
    private static partial Regex ButtonPattern();
}
