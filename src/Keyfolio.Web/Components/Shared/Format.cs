using System.Globalization;

namespace Keyfolio.Web.Components.Shared;

/// <summary>Numbers and times as the pages show them, in the reader's culture; exact values stay in tables and exports.</summary>
public static class Format
{
    /// <summary>A USD value with two decimals and grouping: <c>$42,000.75</c>.</summary>
    public static string Usd(decimal value) =>
        (value < 0 ? "-$" : "$") + Math.Abs(value).ToString("N2", CultureInfo.CurrentCulture);

    /// <summary>A USD price: cents for most, more digits for prices below a dollar.</summary>
    public static string Price(decimal value) =>
        "$" + value.ToString(value >= 1m ? "N2" : "#,0.######", CultureInfo.CurrentCulture);

    /// <summary>An asset amount with up to eight decimals and no trailing zeros: <c>12,500.5</c>.</summary>
    public static string Amount(decimal value) => value.ToString("#,0.########", CultureInfo.CurrentCulture);

    /// <summary>A share of a total as a percentage with one decimal.</summary>
    public static string Share(decimal share) => share.ToString("P1", CultureInfo.CurrentCulture);

    /// <summary>A time in UTC, minutes precision, the same in every language.</summary>
    public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A date in UTC.</summary>
    public static string UtcTime(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The machine-readable form for a <c>time</c> element.</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
