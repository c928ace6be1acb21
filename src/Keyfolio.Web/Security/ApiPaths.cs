using Microsoft.AspNetCore.Http;

namespace Keyfolio.Web.Security;

/// <summary>Tells API requests from page requests.</summary>
internal static class ApiPaths
{
    public static readonly PathString Root = new("/api");

    public static bool IsApi(HttpRequest request) => IsApi(request.Path);

    public static bool IsApi(PathString path) => path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase);
}
