namespace Keyfolio.Exchanges.Http;

/// <summary>How an exchange tells its time: a time endpoint, only the <c>Date</c> header, or not at all (Bitfinex nonces).</summary>
internal abstract record ClockSource
{
    private ClockSource()
    {
    }

    /// <summary>No clock needed: requests carry no timestamp.</summary>
    public sealed record None : ClockSource;

    /// <summary>Only the HTTP <c>Date</c> header of any answer, to one second.</summary>
    public sealed record DateHeader : ClockSource;

    /// <summary>A public endpoint answering the server time.</summary>
    public sealed record Endpoint(string Path, Func<string, DateTimeOffset?> Parse) : ClockSource;
}
