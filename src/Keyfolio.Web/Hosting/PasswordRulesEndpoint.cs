using System.Text;
using Keyfolio.Vault.Passwords;
using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keyfolio.Web.Hosting;

/// <summary>
/// <c>/password-rules/common.txt</c>: the passwords refused as common, one per line, for the page script that checks a
/// new master or export password as it is typed (<c>js/password-rules.js</c>). It is a public list, the same for
/// everyone, so it needs no session; the browser keeps it for a day. The server checks every rule again on submit.
/// </summary>
internal static class PasswordRulesEndpoint
{
    public const string Path = "/password-rules/common.txt";

    private static readonly Lazy<byte[]> List = new(() => Encoding.UTF8.GetBytes(string.Join('\n', PasswordPolicy.CommonPasswordList().Order(StringComparer.Ordinal)) + "\n"));

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "public, max-age=86400";
                return Results.Bytes(List.Value, "text/plain; charset=utf-8");
            })
            .WithMetadata(new PassiveRequestAttribute())
            .ExcludeFromDescription();
}
