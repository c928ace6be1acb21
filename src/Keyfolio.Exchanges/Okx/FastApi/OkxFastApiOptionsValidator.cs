namespace Keyfolio.Exchanges.Okx.FastApi;

/// <summary>
/// Says precisely which Fast API setting is missing or wrong, so a page can explain why Fast connect is unavailable.
/// URLs must be https; http is accepted only for this machine's loopback address (a simulator, or a redirect URI as
/// RFC 8252 allows for loopback).
/// </summary>
public static class OkxFastApiOptionsValidator
{
    public const int MaxKeyLabelLength = 50;

    /// <summary>Every problem, each naming its setting and the fix in English and Chinese; empty when Fast connect can be
    /// offered. <paramref name="clientSecretStored"/> says whether the caller holds the client secret, which is no setting.</summary>
    public static IReadOnlyList<OkxFastApiSettingProblem> Check(OkxFastApiOptions options, bool clientSecretStored)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<OkxFastApiSettingProblem>();
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            problems.Add(new(nameof(options.ClientId), Texts.Of("ClientIdIsNotSetEnter")));
        }
        else if (options.ClientId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problems.Add(new(nameof(options.ClientId), Texts.Of("ClientIdContainsSpacesOrLine")));
        }

        if (!clientSecretStored)
        {
            problems.Add(new("ClientSecret", Texts.Of("TheClientSecretIsNot")));
        }

        AddUrlProblem(problems, nameof(options.AuthorizeUrl), options.AuthorizeUrl, "https://www.okx.com" + OkxFastApiOptions.AuthorizePath, allowQuery: false);
        AddUrlProblem(problems, nameof(options.ApiBaseUrl), options.ApiBaseUrl, "https://www.okx.com", allowQuery: false);
        if (string.IsNullOrWhiteSpace(options.TokenPath))
        {
            problems.Add(new(nameof(options.TokenPath), Texts.Of("TokenPathIsNotSetUse", OkxFastApiOptions.DefaultTokenPath)));
        }
        else if (!options.TokenPath.StartsWith('/') || options.TokenPath.StartsWith("//", StringComparison.Ordinal)
            || options.TokenPath.Any(c => c is '?' or '#' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problems.Add(new(nameof(options.TokenPath), Texts.Of("TokenPathMustBeAPath", OkxFastApiOptions.DefaultTokenPath)));
        }

        if (options.RedirectUri is null)
        {
            problems.Add(new(nameof(options.RedirectUri), Texts.Of("RedirectUriIsNotSetEnter")));
        }
        else
        {
            AddUrlProblem(problems, nameof(options.RedirectUri), options.RedirectUri, "https://keyfolio.example/connect/okx/callback", allowQuery: true);
        }

        if (string.IsNullOrWhiteSpace(options.KeyLabel) || options.KeyLabel.Length > MaxKeyLabelLength || options.KeyLabel.Any(char.IsControl))
        {
            problems.Add(new(nameof(options.KeyLabel), Texts.Of("KeyLabelMustBe1To", MaxKeyLabelLength)));
        }

        return problems;
    }

    private static void AddUrlProblem(List<OkxFastApiSettingProblem> problems, string setting, Uri? url, string example, bool allowQuery)
    {
        if (url is null)
        {
            problems.Add(new(setting, Texts.Of("IsNotSetUse", setting, example)));
        }
        else if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add(new(setting, Texts.Of("MustBeAnAbsoluteHttps", setting, example)));
        }
        else if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            problems.Add(new(setting, Texts.Of("MustUseHttpsPlainHttp", setting)));
        }
        else if (url.Fragment.Length > 0 || (!allowQuery && url.Query.Length > 0))
        {
            problems.Add(new(setting, Texts.Of("MustNotHaveUseOr", setting, allowQuery ? Texts.Of("AFragment") : Texts.Of("AQueryOrAFragment"), example)));
        }
    }
}

/// <summary>One setting that keeps Fast connect from working: its name and what to do.</summary>
public sealed record OkxFastApiSettingProblem(string Setting, LocalizedText Message)
{
    public override string ToString() => Message.ToString();
}
