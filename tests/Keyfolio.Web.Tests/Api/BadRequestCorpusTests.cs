using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Api;

/// <summary>
/// Every bad input in <c>BadRequests.json</c> — malformed JSON, wrong types, a missing or non-JSON body, unknown names,
/// values the exchange rules refuse, query parameters that are not numbers — on every route that takes input: the
/// answer is a problem that names the field and the fix (<c>errors</c>, <c>field</c>, <c>fix</c>), never a 500, a
/// bare "Bad Request" or a stack trace.
/// </summary>
public sealed class BadRequestCorpusTests(BadRequestCorpusTests.SignedIn app) : IClassFixture<BadRequestCorpusTests.SignedIn>
{
    public static TheoryData<string> Names() => [.. Corpus().Select(c => c.GetProperty("name").GetString()!)];

    [Fact]
    public void The_corpus_is_large_and_covers_every_route_that_takes_input()
    {
        var cases = Corpus();
        Assert.True(cases.Count >= 150, cases.Count + " cases");
        Assert.Equal(cases.Count, cases.Select(c => c.GetProperty("name").GetString()).Distinct(StringComparer.Ordinal).Count());
        foreach (var route in new[] { "POST /api/vault/unlock", "POST /api/connections", "PUT /api/connections/", "DELETE /api/connections/", "GET /api/portfolio/history", "GET /api/audit", "GET /api/connections/" })
        {
            Assert.Contains(cases, c => (c.GetProperty("method").GetString() + " " + c.GetProperty("path").GetString()).StartsWith(route, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_bad_input_answers_a_problem_that_names_the_field_and_the_fix(string name)
    {
        var input = Corpus().Single(c => c.GetProperty("name").GetString() == name);
        using var request = new HttpRequestMessage(new HttpMethod(input.GetProperty("method").GetString()!), input.GetProperty("path").GetString());
        if (input.TryGetProperty("body", out var body))
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.GetString()!));
            if (input.TryGetProperty("contentType", out var type))
            {
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(type.GetString()!);
            }
        }

        request.Headers.Add(app.Token.HeaderName, app.Token.Token);
        using var response = await app.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode == input.GetProperty("status").GetInt32(), $"{name}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(text);
        var root = problem.RootElement;
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("detail").GetString()), text);
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("fix").GetString()), text);
        var field = root.GetProperty("field").GetString();
        Assert.False(string.IsNullOrWhiteSpace(field), text);
        var errors = root.GetProperty("errors").EnumerateObject().ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.All(e.Value.EnumerateArray(), message => Assert.False(string.IsNullOrWhiteSpace(message.GetString()))));
        Assert.Contains(errors, e => e.Name == field);
        if (input.TryGetProperty("field", out var expected))
        {
            Assert.Equal(expected.GetString(), field);
        }
    }

    [Theory]
    [InlineData("/api/audit?limit=abc", "limit", "a whole number (from -2147483648 to 2147483647)")]
    [InlineData("/api/portfolio/history?days=1.5", "days", "a whole number (from -2147483648 to 2147483647)")]
    [InlineData("/api/audit?before=abc", "before", "a whole number")]
    public async Task A_query_parameter_that_is_not_a_number_is_described_in_words_not_as_a_dotnet_type(string path, string field, string expected)
    {
        using var response = await app.Client.GetAsync(new Uri(path, UriKind.Relative));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = problem.RootElement;

        Assert.Equal(field, root.GetProperty("field").GetString());
        Assert.Equal($"\"{field}\" must be {expected}.", root.GetProperty("detail").GetString());
        Assert.Equal($"Send \"{field}\" as {expected}, or leave it out.", root.GetProperty("fix").GetString());
    }

    private static List<JsonElement> Corpus()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Api", "BadRequests.json")));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>One app and one signed-in client (with its antiforgery token) for the whole corpus.</summary>
    public sealed class SignedIn : IAsyncLifetime
    {
        private readonly KeyfolioWebFactory _factory = new();

        public HttpClient Client { get; private set; } = null!;

        public Keyfolio.Web.Api.AntiforgeryTokenResponse Token { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Client = await _factory.CreateSignedInClientAsync();
            Token = await Antiforgery.ForApiAsync(Client);
        }

        public Task DisposeAsync()
        {
            Client.Dispose();
            _factory.Dispose();
            return Task.CompletedTask;
        }
    }
}
