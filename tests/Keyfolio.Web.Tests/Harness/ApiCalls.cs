using System.Net.Http.Json;
using System.Text.Json;

namespace Keyfolio.Web.Tests.Harness;

/// <summary>State-changing API calls with the antiforgery token, and answers read as JSON.</summary>
public static class ApiCalls
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        var token = await Antiforgery.ForApiAsync(client);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(token.HeaderName, token.Token);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, path + " answered " + (int)response.StatusCode + ": " + await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    /// <summary>What the connections are, without what moves with the clock (ages): to tell that nothing changed.</summary>
    public static async Task<string> ConnectionsStateAsync(HttpClient client)
    {
        var list = await GetJsonAsync(client, "/api/connections");
        return string.Join('|', list.EnumerateArray().Select(c =>
            $"{c.GetProperty("id")} {c.GetProperty("label")} {c.GetProperty("apiKey")} {c.GetProperty("status").GetProperty("code")} {c.GetProperty("totalUsd")}"));
    }
}
