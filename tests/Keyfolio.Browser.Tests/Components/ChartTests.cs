using System.Globalization;
using Keyfolio.Browser.Tests.Harness;

namespace Keyfolio.Browser.Tests.Components;

[Collection(BrowserCollection.Name)]
public sealed class ChartTests(BrowserApp app)
{
    [Fact]
    public async Task Allocation_and_value_charts_draw_the_series_the_server_sent()
    {
        await using var watched = await app.OpenPageAsync();

        await watched.GotoAsync("/harness/components");

        var page = watched.Page;
        var allocation = await page.Locator(".chart--allocation canvas").EvaluateAsync<double[]>("c => Chart.getChart(c).data.datasets[0].data");
        var value = await page.Locator(".chart--value canvas").EvaluateAsync<double[]>("c => Chart.getChart(c).data.datasets[0].data");
        Assert.Equal(ComponentsPage.Slices.Select(s => (double)s.ValueUsd), allocation);
        Assert.Equal(ComponentsPage.Points.Select(p => (double)p.ValueUsd), value);
        Assert.Equal("doughnut", await page.Locator(".chart--allocation canvas").EvaluateAsync<string>("c => Chart.getChart(c).config.type"));
        Assert.Equal("line", await page.Locator(".chart--value canvas").EvaluateAsync<string>("c => Chart.getChart(c).config.type"));
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task Charts_paint_pixels_and_keep_the_exact_figures_in_a_table()
    {
        await using var watched = await app.OpenPageAsync();

        await watched.GotoAsync("/harness/components");

        const string PaintedPixels = "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }";
        Assert.True(await watched.Page.Locator(".chart--allocation canvas").EvaluateAsync<int>(PaintedPixels) > 1000);
        Assert.True(await watched.Page.Locator(".chart--value canvas").EvaluateAsync<int>(PaintedPixels) > 1000);
        var cells = await watched.Page.Locator(".chart--allocation tbody td.numeric").AllInnerTextsAsync();
        Assert.Equal(32500.50m.ToString("N2", CultureInfo.GetCultureInfo("en")), cells[0]);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task The_value_axis_writes_dollars_as_the_pages_do_in_every_language(string locale)
    {
        await using var watched = await app.OpenPageAsync(locale);

        await watched.GotoAsync("/harness/components");

        var tick = await watched.Page.Locator(".chart--value canvas").EvaluateAsync<string>("c => Chart.getChart(c).options.scales.y.ticks.callback(25000)");
        Assert.StartsWith("$", tick, StringComparison.Ordinal);
        Assert.DoesNotContain("US", tick, StringComparison.Ordinal);
        Assert.Contains("25", tick, StringComparison.Ordinal);
    }
}
