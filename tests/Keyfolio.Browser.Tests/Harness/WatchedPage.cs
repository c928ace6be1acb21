using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Harness;

/// <summary>
/// A page in its own browser context that records every console error, uncaught script error and
/// Content-Security-Policy violation, so a test can assert there were none.
/// </summary>
public sealed class WatchedPage : IAsyncDisposable
{
    // Runs before any page script in every document of the context; Playwright injects it outside the CSP.
    private const string RecordCspViolations =
        "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));";

    private readonly ConcurrentQueue<(string Text, string Url)> _problems = new();

    private WatchedPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyCollection<string> Problems => [.. _problems.Select(p => p.Text + " (" + p.Url + ")")];

    public static async Task<WatchedPage> OpenAsync(IBrowserContext context)
    {
        await context.AddInitScriptAsync(RecordCspViolations);
        var page = await context.NewPageAsync();
        var watched = new WatchedPage(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                watched._problems.Enqueue((message.Text, message.Location));
            }
        };
        page.PageError += (_, error) => watched._problems.Enqueue(("Uncaught: " + error, page.Url));
        return watched;
    }

    /// <summary>Opens <paramref name="path"/> and waits until the page's enhancement modules have run.</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitUntilEnhancedAsync();
    }

    /// <summary>
    /// Waits until the page has navigated to an address matching <paramref name="glob"/> and its enhancement modules
    /// have run. It waits for the document, not for the browser's load event, which a loaded machine can hold back
    /// past any timeout while the page itself is long usable.
    /// </summary>
    public async Task WaitForPageAsync(string glob)
    {
        await Page.WaitForURLAsync(glob, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await WaitUntilEnhancedAsync();
    }

    /// <inheritdoc cref="WaitForPageAsync(string)"/>
    public async Task WaitForPageAsync(System.Text.RegularExpressions.Regex address)
    {
        await Page.WaitForURLAsync(address, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await WaitUntilEnhancedAsync();
    }

    /// <summary>
    /// Clicks <paramref name="target"/>, which navigates (perhaps to the address the page is already on), and waits
    /// until the new document's enhancement modules have run.
    /// </summary>
    public async Task ClickAndWaitForPageAsync(ILocator target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var navigated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == Page.MainFrame)
            {
                navigated.TrySetResult();
            }
        }

        Page.FrameNavigated += OnNavigated;
        try
        {
            await target.ClickAsync();
            await navigated.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Page.FrameNavigated -= OnNavigated;
        }

        await WaitUntilEnhancedAsync();
    }

    /// <summary>Goes back one page in the history and waits until its enhancement modules have run.</summary>
    public async Task GoBackAsync()
    {
        await Page.GoBackAsync(new PageGoBackOptions { WaitUntil = WaitUntilState.Commit });
        await WaitUntilEnhancedAsync();
    }

    public Task WaitUntilEnhancedAsync() => Page.Locator("html[data-enhanced='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public void AssertNoProblems() => Assert.True(_problems.IsEmpty, "Browser reported: " + string.Join(" | ", Problems));

    /// <summary>No problem on the pages of <paramref name="origin"/>; pages elsewhere (a simulated exchange's) are not ours to judge.</summary>
    public void AssertNoProblemsOn(Uri origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var ours = _problems.Where(p => p.Url.StartsWith(origin.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)).Select(p => p.Text).ToList();
        Assert.True(ours.Count == 0, "Browser reported: " + string.Join(" | ", ours));
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
