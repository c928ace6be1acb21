using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Keyfolio.Simulator.Hosting;
using Keyfolio.Simulator.Http;

namespace Keyfolio.Simulator.Exchanges.Okx;

/// <summary>
/// OKX "Fast API" (OKX broker docs: https://www.okx.com/docs-v5/broker_en/; OKX help "Fast API": https://www.okx.com/zh-hans/help/almost-api-launch): a consent page, the token endpoint (authorization code and refresh
/// token grants) and <c>POST /api/v5/users/oauth/apikey</c>, which creates a key in the simulator's accounts.
/// </summary>
internal sealed class OkxOAuthServer(SimulatorRuntime runtime, OkxOAuthSettings settings, Func<DateTimeOffset> now)
{
    private const string AuthorizePath = "/account/oauth/authorize";
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan AccessLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(3);

    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string ClientId, string Uid), string> _fastApiKeys = new();

    public bool Handles(SimRequest request) => request.Path is AuthorizePath or "/v5/users/oauth/token" or "/api/v5/users/oauth/token" or "/api/v5/users/oauth/apikey";

    public SimResponse Handle(SimRequest request) => (request.Method, request.Path) switch
    {
        ("GET", AuthorizePath) => ConsentPage(request.Query),
        ("POST", AuthorizePath) => Decide(FormEncoding.Parse(FormEncoding.Text(request.Body))),
        ("POST", "/v5/users/oauth/token" or "/api/v5/users/oauth/token") => Token(FormEncoding.Parse(FormEncoding.Text(request.Body))),
        ("POST", "/api/v5/users/oauth/apikey") => CreateApiKey(request),
        _ => SimResponse.Raw(405, "", "text/plain"),
    };

    /// <summary>
    /// Redirect URIs compare exactly, except that a registered <c>*</c> port matches any port: loopback apps
    /// listen on free ports. <c>http://127.0.0.1:*</c> also matches any path; <c>http://127.0.0.1:*/cb</c> only <c>/cb</c>.
    /// </summary>
    internal static bool RedirectMatches(string registered, string requested)
    {
        if (string.Equals(registered, requested, StringComparison.Ordinal))
        {
            return true;
        }

        var star = registered.IndexOf(":*", StringComparison.Ordinal);
        if (star < 0)
        {
            return false;
        }

        var after = registered[(star + 2)..];
        var pattern = "^" + Regex.Escape(registered[..star]) + ":[0-9]{1,5}" + (after.Length == 0 ? "(/[^?#]*)?" : Regex.Escape(after)) + "$";
        return Regex.IsMatch(requested, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private SimResponse? CheckClient(IReadOnlyDictionary<string, string> form, out OkxOAuthClient? client)
    {
        client = settings.Clients.FirstOrDefault(c => c.ClientId == form.GetValueOrDefault("client_id"));
        if (client is null)
        {
            return OkxSite.Error(400, "53001", "Invalid client_id.");
        }

        var redirect = form.GetValueOrDefault("redirect_uri");
        return redirect is not null && client.RedirectUris.Any(r => RedirectMatches(r, redirect))
            ? null
            : OkxSite.Error(400, "53016", "Invalid redirect_uri.");
    }

    private SimResponse ConsentPage(IReadOnlyDictionary<string, string> query)
    {
        if (CheckClient(query, out var client) is { } refusal)
        {
            return refusal;
        }

        if (query.GetValueOrDefault("response_type") != "code")
        {
            return OkxSite.Error(400, "53002", "Invalid response_type; use code.");
        }

        var html = HtmlEncoder.Default;
        var fields = new StringBuilder();
        foreach (var name in new[] { "client_id", "redirect_uri", "state", "scope" })
        {
            fields.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{name}\" value=\"{html.Encode(query.GetValueOrDefault(name) ?? "")}\">");
        }

        var page = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Authorize {{html.Encode(client!.Name ?? client.ClientId)}} – OKX (simulated)</title></head>
            <body>
            <h1>Authorize {{html.Encode(client.Name ?? client.ClientId)}}</h1>
            <p>Signed in as OKX user <span id="uid">{{html.Encode(settings.User.Uid)}}</span>. The app asks for scope <code>{{html.Encode(query.GetValueOrDefault("scope") ?? "")}}</code>:
            it will create an API key bound to your account.</p>
            <form method="post" action="{{AuthorizePath}}">{{fields}}
            <button type="submit" name="decision" value="approve" id="approve">Approve</button>
            <button type="submit" name="decision" value="deny" id="deny">Deny</button>
            </form>
            </body></html>
            """;
        return SimResponse.Raw(200, page, SimResponse.Html);
    }

    private SimResponse Decide(IReadOnlyDictionary<string, string> form)
    {
        if (CheckClient(form, out var client) is { } refusal)
        {
            return refusal;
        }

        var redirect = form["redirect_uri"];
        var state = form.GetValueOrDefault("state");
        var separator = redirect.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var stateParameter = state is null ? "" : "&state=" + FormEncoding.Encode(state);
        if (form.GetValueOrDefault("decision") != "approve")
        {
            return SimResponse.Redirect($"{redirect}{separator}error=access_denied&error_description={FormEncoding.Encode("The user denied the authorization.")}{stateParameter}");
        }

        var code = NewToken();
        _codes[code] = new Grant(client!.ClientId, settings.User.Uid, redirect, now() + CodeLifetime);
        return SimResponse.Redirect($"{redirect}{separator}code={code}{stateParameter}");
    }

    private SimResponse Token(IReadOnlyDictionary<string, string> form)
    {
        var client = settings.Clients.FirstOrDefault(c => c.ClientId == form.GetValueOrDefault("client_id"));
        if (client is null || !Signatures.FixedTimeEquals(form.GetValueOrDefault("client_secret"), Encoding.UTF8.GetBytes(client.ClientSecret)))
        {
            return OkxSite.Error(400, "53001", "Invalid client_id or client_secret.");
        }

        Grant? grant;
        switch (form.GetValueOrDefault("grant_type"))
        {
            case "authorization_code":
                // A code is good once: removing it on first use makes a replay fail.
                if (!_codes.TryRemove(form.GetValueOrDefault("code") ?? "", out grant) || grant.ClientId != client.ClientId || grant.ExpiresAt <= now())
                {
                    return OkxSite.Error(400, "53003", "Invalid authorization code: it is unknown, expired or already used.");
                }

                if (grant.RedirectUri != form.GetValueOrDefault("redirect_uri"))
                {
                    return OkxSite.Error(400, "53016", "Invalid redirect_uri.");
                }

                break;
            case "refresh_token":
                if (!_refreshTokens.TryRemove(form.GetValueOrDefault("refresh_token") ?? "", out grant) || grant.ClientId != client.ClientId || grant.ExpiresAt <= now())
                {
                    return OkxSite.Error(400, "53004", "Invalid refresh_token: it is unknown, expired or already used.");
                }

                break;
            default:
                return OkxSite.Error(400, "53002", "Invalid grant_type; use authorization_code or refresh_token.");
        }

        var access = NewToken();
        var refresh = NewToken();
        _accessTokens[access] = grant with { ExpiresAt = now() + AccessLifetime };
        _refreshTokens[refresh] = grant with { ExpiresAt = now() + RefreshLifetime };
        return SimResponse.Write(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", access);
            w.WriteString("refresh_token", refresh);
            w.WriteString("token_type", "bearer");
            w.WriteNumber("expires_in", (int)AccessLifetime.TotalSeconds);
            w.WriteEndObject();
        });
    }

    private SimResponse CreateApiKey(SimRequest request)
    {
        var authorization = request.Header("Authorization") ?? "";
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : "";
        if (!_accessTokens.TryGetValue(token, out var grant) || grant.ExpiresAt <= now())
        {
            return OkxSite.Error(401, "53005", "Invalid access_token: it is unknown or expired.");
        }

        CreateKeyBody? body;
        try
        {
            body = JsonSerializer.Deserialize<CreateKeyBody>(request.Body, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null || string.IsNullOrWhiteSpace(body.Label))
        {
            return OkxSite.Error(400, "50014", "Parameter label can not be empty.");
        }

        if (!IsStrongPassphrase(body.Passphrase))
        {
            return OkxSite.Error(400, "51000", "Parameter passphrase error");
        }

        var rights = (body.Perm ?? "read_only").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (rights.Length == 0 || rights.Any(r => r is not ("read_only" or "trade")))
        {
            return OkxSite.Error(400, "51000", "Parameter perm error");
        }

        if (!_fastApiKeys.TryAdd((grant.ClientId, grant.Uid), ""))
        {
            return OkxSite.Error(200, "50116", "Fast API is allowed to create only one API key");
        }

        var permissions = new List<string> { "read" };
        if (rights.Contains("trade"))
        {
            permissions.AddRange(["spot", "margin", "futures"]);
        }

        var ips = (body.Ip ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var account = new SimulatorAccount
        {
            Exchange = OkxSite.Definition.Name,
            ApiKey = Guid.NewGuid().ToString("D"),
            Secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            Passphrase = body.Passphrase,
            Label = body.Label,
            Permissions = permissions,
            IpWhitelist = ips,
            CreatedAt = now(),
            Uid = grant.Uid,
            Region = "global",
            Balances = [.. settings.User.Balances],
        };
        runtime.Accounts.Add(account);
        _fastApiKeys[(grant.ClientId, grant.Uid)] = account.ApiKey;
        return OkxSite.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("label", account.Label);
            w.WriteString("apiKey", account.ApiKey);
            w.WriteString("secretKey", account.Secret);
            w.WriteString("passphrase", account.Passphrase);
            w.WriteString("perm", string.Join(',', rights));
            w.WriteString("ip", string.Join(',', ips));
            w.WriteEndObject();
        });
    }

    /// <summary>OKX's rule for keys created through the API: 8-32 characters with a digit, an upper- and a lower-case letter and a symbol.</summary>
    private static bool IsStrongPassphrase(string? passphrase) =>
        passphrase is { Length: >= 8 and <= 32 }
        && passphrase.Any(char.IsAsciiDigit)
        && passphrase.Any(char.IsAsciiLetterUpper)
        && passphrase.Any(char.IsAsciiLetterLower)
        && passphrase.Any(c => !char.IsAsciiLetterOrDigit(c) && !char.IsWhiteSpace(c));

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private sealed record Grant(string ClientId, string Uid, string RedirectUri, DateTimeOffset ExpiresAt);

    private sealed record CreateKeyBody(string? Label, string? Passphrase, string? Perm, string? Ip);
}
