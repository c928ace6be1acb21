using Keyfolio.Exchanges;
using Keyfolio.Simulator;

namespace Keyfolio.Architecture.Tests;

/// <summary>
/// An exchange is one folder in each project that has something of its own (named after its <see cref="ExchangeId"/>
/// member: <c>src/Keyfolio.Exchanges/Okx/</c>, <c>src/Keyfolio.Simulator/Exchanges/Okx/</c>, …) and one line in each
/// registration list; nothing else in the source names it (docs/adding-an-exchange.md).
/// </summary>
public sealed class ExchangeFolderTests
{
    /// <summary>The registration lists: every exchange has one line in each.</summary>
    private static readonly string[] RegistrationLists =
    [
        "src/Keyfolio.Exchanges/ExchangeId.cs",
        "src/Keyfolio.Exchanges/ExchangeCatalog.cs",
        "src/Keyfolio.Simulator/SimulatorExchanges.cs",
    ];

    /// <summary>The demo's keys to try: one line for each exchange that still operates.</summary>
    private const string DemoKeysToTry = "src/Keyfolio.Cli/Commands/DemoKeysToTry.cs";

    /// <summary>
    /// Where a feature only one exchange has is wired into shared code, each named here as a decision: OKX Fast connect
    /// (its service in the core, its pages in the web app, its set-up in the demo, its settings in the command line's
    /// configuration, its OAuth section in the simulator's configuration) and Binance's IP ban settings in the simulator's configuration.
    /// </summary>
    private static readonly Dictionary<string, string[]> FeatureWiring = new(StringComparer.Ordinal)
    {
        ["Okx"] =
        [
            "src/Keyfolio.Core/FastConnect/",
            "src/Keyfolio.Core/CoreServiceCollectionExtensions.cs",
            "src/Keyfolio.Web/Components/Pages/FastConnectCallback.razor",
            "src/Keyfolio.Web/Components/Pages/ConnectExchange.razor",
            "src/Keyfolio.Web/Components/Pages/AddConnection.razor",
            "src/Keyfolio.Web/Components/Pages/SettingsPage.razor",
            "src/Keyfolio.Cli/Commands/ServeDemo.cs",
            "src/Keyfolio.Cli/Configuration/KeyfolioConfiguration.FastApi.cs",
            "src/Keyfolio.Simulator/Configuration/OkxOAuthSettings.cs",
            "src/Keyfolio.Simulator/Configuration/SimulatorConfig.cs",
            "src/Keyfolio.Simulator/Hosting/SimulatorRuntime.cs",
        ],
        ["Binance"] = ["src/Keyfolio.Simulator/Configuration/SimulatorRateLimits.cs"],
    };

    /// <summary>Exchanges whose name is also an ordinary word, which code uses for other things (a semaphore called
    /// <c>gate</c>, <c>KeyDerivationGate</c>).</summary>
    private static readonly string[] OrdinaryWords = ["Gate"];

    private static readonly string[] SourceExtensions = [".cs", ".razor", ".js", ".css"];

    private static readonly string Root = ProjectGraph.Load().Root;

    public static TheoryData<string> Exchanges() => [.. ExchangeIds.All.Select(id => id.ToString())];

    [Theory]
    [MemberData(nameof(Exchanges))]
    public void No_source_outside_its_folders_and_the_registration_lists_names_the_exchange(string exchange)
    {
        var scanner = ScannerFor(Enum.Parse<ExchangeId>(exchange));
        var found = SourceFiles()
            .Where(file => !BelongsTo(file, exchange))
            .SelectMany(file => scanner.Scan(File.ReadAllText(Path.Combine(Root, file)), file.EndsWith(".razor", StringComparison.Ordinal)).Select(line => $"{file}:{line}"))
            .ToList();

        Assert.True(found.Count == 0, $"{exchange} is named outside its folders and the registration lists:\n" + string.Join('\n', found));
    }

    [Fact]
    public void Every_exchange_is_registered_once_with_a_folder_in_the_exchanges_and_the_simulator()
    {
        Assert.Equal(Enum.GetValues<ExchangeId>(), ExchangeCatalog.All.Select(d => d.Id));
        Assert.Equal(ExchangeIds.All.Select(id => id.ToName()), SimulatorExchanges.All);
        foreach (var id in ExchangeIds.All)
        {
            Assert.True(Directory.Exists(Path.Combine(Root, "src", "Keyfolio.Exchanges", id.ToString())), $"src/Keyfolio.Exchanges/{id}/ is missing.");
            Assert.True(Directory.Exists(Path.Combine(Root, "src", "Keyfolio.Simulator", "Exchanges", id.ToString())), $"src/Keyfolio.Simulator/Exchanges/{id}/ is missing.");
        }
    }

    [Fact]
    public void Every_registration_list_names_each_exchange()
    {
        foreach (var file in RegistrationLists)
        {
            var source = File.ReadAllText(Path.Combine(Root, file));
            foreach (var id in ExchangeIds.All)
            {
                Assert.True(ScannerFor(id).Scan(source, markup: false).Any(), $"{file} does not name {id}.");
            }
        }
    }

    [Fact]
    public void Every_place_listed_as_feature_wiring_exists_and_names_its_exchange()
    {
        foreach (var (exchange, places) in FeatureWiring)
        {
            var scanner = ScannerFor(Enum.Parse<ExchangeId>(exchange));
            foreach (var place in places)
            {
                var files = place.EndsWith('/') ? SourceFiles().Where(file => file.StartsWith(place, StringComparison.Ordinal)).ToList() : [place];
                Assert.True(files.Count > 0 && files.All(file => File.Exists(Path.Combine(Root, file))), $"{place} is listed for {exchange} but does not exist.");
                Assert.True(
                    files.Any(file => scanner.Scan(File.ReadAllText(Path.Combine(Root, file)), file.EndsWith(".razor", StringComparison.Ordinal)).Any()),
                    $"{place} is listed for {exchange} but no longer names it: take it off the list.");
            }
        }
    }

    [Theory]
    [InlineData("var site = new OkxSite(runtime, name);", true)]
    [InlineData("connectors.CreateOkxFastApiClient(options);", true)]
    [InlineData("if (exchange == ExchangeId.Okx)", true)]
    [InlineData("var url = BaseUrl(\"okx\");", true)]
    [InlineData("throw Error(\"okxOAuth.clients\", \"is empty\");", true)]
    [InlineData("var label = $\"{name} — OKX Fast API\";", true)]
    [InlineData("// OKX never puts the passphrase in the QR code.", false)]
    [InlineData("/* as OKX does */ var x = 1;", false)]
    [InlineData("var okxCount = Count();", true)]
    [InlineData("var okex = Parse(\"text\");", true)]
    [InlineData("private const string OKX_HOST = Host;", true)]
    [InlineData("private static bool IsOkx(ExchangeId id) => true;", true)]
    [InlineData("var tokens = Read(\"tokens\", \"box\");", false)]
    [InlineData("var lookup = Find(\"ok\");", false)]
    public void The_scanner_finds_the_exchange_in_code_and_text_but_not_in_comments(string line, bool names) =>
        Assert.Equal(names, ScannerFor(ExchangeId.Okx).Scan(line, markup: false).Any());

    [Theory]
    [InlineData("var url = new Uri(\"https://api.bytick.com\");", true)]
    [InlineData("var url = new Uri(\"https://api.manepa.jp/v5/market/time\");", true)]
    [InlineData("var url = new Uri(\"https://api.bytickets.com\");", false)]
    public void The_scanner_finds_a_host_of_the_exchange_that_does_not_spell_its_name(string line, bool names) =>
        Assert.Equal(names, ScannerFor(ExchangeId.Bybit).Scan(line, markup: false).Any());

    [Theory]
    [InlineData("private readonly KeyDerivationGate _kdfGate;", false)]
    [InlineData("var gate = new SemaphoreSlim(1, 1);", false)]
    [InlineData("await host.Gate.WaitAsync();", true)]
    [InlineData("var site = new GateSite(runtime, name);", true)]
    [InlineData("var name = \"gate.io\";", true)]
    [InlineData("Describe(\"navigate to the delegate\");", false)]
    [InlineData("var gateio = Parse(text);", true)]
    public void The_scanner_tells_the_exchange_from_the_word(string line, bool names) =>
        Assert.Equal(names, ScannerFor(ExchangeId.Gate).Scan(line, markup: false).Any());

    [Theory]
    [InlineData("<a href=\"/connections/new/okx\">Try again</a>", true)]
    [InlineData("@* OKX sends the browser back here *@ <p>@T[\"Fast.Done\"]</p>", false)]
    [InlineData("<!-- OKX --><p>Done</p>", false)]
    public void The_scanner_reads_razor_markup_as_text(string line, bool names) =>
        Assert.Equal(names, ScannerFor(ExchangeId.Okx).Scan(line, markup: true).Any());

    /// <summary>Whether the file may name the exchange: it is in a folder named after it, a registration list, the
    /// demo's keys to try, or where one of its own features is wired in.</summary>
    private static bool BelongsTo(string file, string exchange) =>
        file.Split('/').SkipLast(1).Contains(exchange, StringComparer.Ordinal)
        || RegistrationLists.Contains(file, StringComparer.Ordinal)
        || file == DemoKeysToTry
        || (FeatureWiring.TryGetValue(exchange, out var wired) && wired.Any(place => place.EndsWith('/') ? file.StartsWith(place, StringComparison.Ordinal) : file == place));

    private static ExchangeNameScanner ScannerFor(ExchangeId id)
    {
        var descriptor = ExchangeCatalog.Get(id);
        // Its hosts too: a host that does not spell the exchange's name (api.bytick.com, api.manepa.jp) still names it.
        string[] hosts = [.. descriptor.Hosts.SelectMany(h => new[] { h.BaseUrl, h.PublicBaseUrl }).OfType<Uri>().Select(url => url.Host).Distinct(StringComparer.OrdinalIgnoreCase)];
        return new ExchangeNameScanner(id.ToString(), [descriptor.Name, descriptor.DisplayName, .. descriptor.FormerNames, .. hosts], OrdinaryWords.Contains(id.ToString()));
    }

    /// <summary>Every C#, Razor, script and style sheet file of the source projects, as a path relative to the repository root.</summary>
    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Where(path => SourceExtensions.Contains(Path.GetExtension(path), StringComparer.Ordinal))
            .Where(path => !path.Split('/').Any(part => part is "bin" or "obj" or "node_modules" or "lib"));
}
