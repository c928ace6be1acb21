using System.Net;
using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.StaticAssets;

public sealed class EmbeddedAssetsTests : IClassFixture<KeyfolioWebFactory>
{
    private readonly KeyfolioWebFactory _factory;

    public EmbeddedAssetsTests(KeyfolioWebFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/css/app.css", "text/css", ".site-nav")]
    [InlineData("/js/app.js", "text/javascript", "enhanceSecretInputs")]
    [InlineData("/js/qr-scanner.js", "text/javascript", "jsQR")]
    [InlineData("/js/charts.js", "text/javascript", "renderCharts")]
    [InlineData("/img/keyfolio.svg", "image/svg+xml", "<svg")]
    [InlineData("/lib/jsqr/jsQR.js", "text/javascript", "jsQR")]
    [InlineData("/lib/chart.js/chart.umd.min.js", "text/javascript", "Chart.js v")]
    public async Task Browser_files_and_the_npm_libraries_are_served_from_the_assembly(string path, string contentType, string expected)
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browser_scripts_use_neither_eval_nor_inline_handlers()
    {
        using var client = _factory.CreateBrowserLikeClient();

        foreach (var script in new[] { "/js/app.js", "/js/qr-scanner.js", "/js/charts.js", "/js/secret-input.js", "/js/copy-button.js" })
        {
            var source = await client.GetStringAsync(script);
            Assert.DoesNotContain("eval(", source, StringComparison.Ordinal);
            Assert.DoesNotContain("new Function", source, StringComparison.Ordinal);
            Assert.DoesNotContain("innerHTML", source, StringComparison.Ordinal);
        }
    }
}
