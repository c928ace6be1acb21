using System.Net;
using System.Text.RegularExpressions;

namespace Keyfolio.Web.Tests.Harness;

/// <summary>Submits a page's form as a browser does: its antiforgery token, the form's name, and the fields.</summary>
public static partial class PageForms
{
    /// <summary>Opens <paramref name="path"/>, then posts the form named <paramref name="formName"/> with <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, string formName, IReadOnlyDictionary<string, string>? fields = null)
    {
        var html = await client.GetStringAsync(path);
        var token = FormToken().Match(html);
        Assert.True(token.Success, "The page " + path + " has no antiforgery token.");
        return await PostAsync(client, path, formName, WebUtility.HtmlDecode(token.Groups[1].Value), fields);
    }

    /// <summary>As <see cref="SubmitAsync(HttpClient, string, string, IReadOnlyDictionary{string, string}?)"/>, with fields
    /// that may repeat a name, as a group of checkboxes sends them.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, string formName, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await client.GetStringAsync(path);
        var token = FormToken().Match(html);
        Assert.True(token.Success, "The page " + path + " has no antiforgery token.");
        var values = new List<KeyValuePair<string, string>> { new("_handler", formName), new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)) };
        values.AddRange(fields);
        return await client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string formName, string? token, IReadOnlyDictionary<string, string>? fields = null)
    {
        var values = new List<KeyValuePair<string, string>> { new("_handler", formName) };
        if (token is not null)
        {
            values.Add(new("__RequestVerificationToken", token));
        }

        values.AddRange(fields ?? new Dictionary<string, string>());
        return client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    /// <summary>The page a refused form is sent back to (303 See Other), read as a browser following it does.</summary>
    public static async Task<string> FollowRefusalAsync(HttpClient client, HttpResponseMessage refused)
    {
        Assert.True(refused.StatusCode == HttpStatusCode.SeeOther, "The refused form answered " + (int)refused.StatusCode + ", not 303.");
        return await client.GetStringAsync(refused.Headers.Location);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
