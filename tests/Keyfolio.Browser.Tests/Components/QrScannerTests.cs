using Keyfolio.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Components;

[Collection(BrowserCollection.Name)]
public sealed class QrScannerTests(BrowserApp app)
{
    private const string Payload = "{\"apiKey\":\"vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A\",\"secretKey\":\"NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j\"}";

    [Fact]
    public async Task Uploaded_png_is_decoded_in_the_browser_and_only_the_text_reaches_the_server()
    {
        await using var watched = await app.OpenPageAsync();
        await watched.GotoAsync("/harness/components");
        var posted = new List<string>();
        watched.Page.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                posted.Add(request.PostData ?? string.Empty);
            }
        };

        await watched.Page.Locator("[data-qr-file]").SetInputFilesAsync(new FilePayload
        {
            Name = "binance-key.png",
            MimeType = "image/png",
            Buffer = QrImages.Png(Payload),
        });

        var received = watched.Page.Locator("#qr-received");
        await received.WaitForAsync();
        Assert.Equal(Payload, await received.InnerTextAsync());
        var body = Assert.Single(posted);
        Assert.DoesNotContain("PNG", body, StringComparison.Ordinal);
        Assert.DoesNotContain("binance-key.png", body, StringComparison.Ordinal);
        Assert.DoesNotContain("multipart", body, StringComparison.Ordinal);
        watched.AssertNoProblems();
    }

    [Fact]
    public async Task Image_without_a_code_is_reported_and_nothing_is_sent()
    {
        await using var watched = await app.OpenPageAsync();
        await watched.GotoAsync("/harness/components");
        var noCode = await watched.Page.Locator("h1").ScreenshotAsync();
        var posts = 0;
        watched.Page.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;

        await watched.Page.Locator("[data-qr-file]").SetInputFilesAsync(new FilePayload { Name = "heading.png", MimeType = "image/png", Buffer = noCode });

        var status = watched.Page.Locator("[data-qr-status][data-state='error']");
        await status.WaitForAsync();
        Assert.StartsWith("No QR code was found in this image.", await status.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, posts);
        Assert.Equal(string.Empty, await watched.Page.Locator("[data-qr-result]").InputValueAsync());
    }

    [Fact]
    public async Task File_that_is_not_an_image_is_reported()
    {
        await using var watched = await app.OpenPageAsync();
        await watched.GotoAsync("/harness/components");

        await watched.Page.Locator("[data-qr-file]").SetInputFilesAsync(new FilePayload { Name = "key.txt", MimeType = "image/png", Buffer = "not an image"u8.ToArray() });

        var status = watched.Page.Locator("[data-qr-status][data-state='error']");
        await status.WaitForAsync();
        Assert.StartsWith("This file could not be opened as an image.", await status.InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Camera_stream_is_decoded_and_the_camera_is_released()
    {
        var video = Path.Combine(Path.GetTempPath(), "keyfolio-qr-camera-" + Guid.NewGuid().ToString("N") + ".y4m");
        await File.WriteAllBytesAsync(video, QrImages.CameraVideo(Payload));
        try
        {
            await using var browser = await Chromium.LaunchAsync(
                app.Playwright,
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                "--use-file-for-fake-video-capture=" + video);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "en-US" });
            await context.GrantPermissionsAsync(["camera"]);
            await using var watched = await WatchedPage.OpenAsync(context);
            await watched.GotoAsync("/harness/components");

            await watched.Page.Locator("[data-qr-camera]").ClickAsync();

            var received = watched.Page.Locator("#qr-received");
            await received.WaitForAsync();
            Assert.Equal(Payload, await received.InnerTextAsync());
            watched.AssertNoProblems();
        }
        finally
        {
            File.Delete(video);
        }
    }
}
