using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Keyfolio.Web.StaticAssets;

/// <summary>
/// Serves the app's browser files (its CSS and scripts, and the npm libraries the build copies into
/// <c>wwwroot/lib</c>) from resources embedded in this assembly. Every host — the <c>keyfolio</c> command
/// from a clone, a published binary, the test hosts — then serves the same files without depending on a
/// static-assets manifest beside its own entry assembly.
/// </summary>
internal static class EmbeddedAssets
{
    private const string ResourceRoot = "Keyfolio.Web.wwwroot";

    public static IFileProvider FileProvider { get; } = new EmbeddedFileProvider(typeof(EmbeddedAssets).Assembly, ResourceRoot);

    public static IApplicationBuilder UseEmbeddedAssets(this IApplicationBuilder app)
    {
        var contentTypes = new FileExtensionContentTypeProvider();
        contentTypes.Mappings[".js"] = "text/javascript";
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = FileProvider,
            ContentTypeProvider = contentTypes,
            // The files change with the build, not with their URL: the browser revalidates (ETag) on each use.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
    }
}
