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
        Assertions.SetDefaultExpectTimeout((float)PageTimeout.TotalMilliseconds);
        context.SetDefaultTimeout((float)PageTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)PageTimeout.TotalMilliseconds);
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
    /// Waits until the page has navigated to an address matching <paramref name="glob"/> (<c>**</c> any text,
    /// <c>*</c> any text without a slash) and its enhancement modules have run. It follows the main frame's
    /// navigations itself rather than the browser's load states, which a loaded machine can hold back past any
    /// timeout while the page is long usable, and which never settle when the address already matched.
    /// </summary>
    public Task WaitForPageAsync(string glob) => WaitForPageAsync(GlobPattern(glob));

    /// <inheritdoc cref="WaitForPageAsync(string)"/>
    public async Task WaitForPageAsync(System.Text.RegularExpressions.Regex address)
    {
        ArgumentNullException.ThrowIfNull(address);
        using var navigations = new SemaphoreSlim(0);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == Page.MainFrame)
            {
                navigations.Release();
            }
        }

        Page.FrameNavigated += OnNavigated;
        try
        {
            using var patience = new CancellationTokenSource(PageTimeout);
            while (!address.IsMatch(Page.Url))
            {
                try
                {
                    await navigations.WaitAsync(patience.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"The page stayed on {Page.Url}; expected an address matching {address} within {PageTimeout.TotalSeconds:0} s.");
                }
            }
        }
        finally
        {
            Page.FrameNavigated -= OnNavigated;
        }

        await WaitUntilEnhancedAsync();
    }

    /// <summary>How long a page may take on a machine busy with the rest of the suite.</summary>
    public static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(90);

    private static System.Text.RegularExpressions.Regex GlobPattern(string glob)
    {
        ArgumentException.ThrowIfNullOrEmpty(glob);
        var pattern = new System.Text.StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            if (glob[i] == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                pattern.Append(".*");
                i++;
            }
            else if (glob[i] == '*')
            {
                pattern.Append("[^/]*");
            }
            else
            {
                pattern.Append(System.Text.RegularExpressions.Regex.Escape(glob[i].ToString()));
            }
        }

        // An address may carry a query or a fragment after the part the glob names.
        pattern.Append(@"([?#].*)?$");
        return new System.Text.RegularExpressions.Regex(pattern.ToString(), System.Text.RegularExpressions.RegexOptions.CultureInvariant);
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
            await navigated.Task.WaitAsync(PageTimeout);
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
