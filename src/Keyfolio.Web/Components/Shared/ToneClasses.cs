namespace Keyfolio.Web.Components.Shared;

/// <summary>The CSS modifier for each tone (see <c>wwwroot/css/app.css</c>, "Tones").</summary>
internal static class ToneClasses
{
    public static string Of(BadgeTone tone) => tone switch
    {
        BadgeTone.Info => "tone-info",
        BadgeTone.Positive => "tone-positive",
        BadgeTone.Warning => "tone-warning",
        BadgeTone.Critical => "tone-critical",
        _ => "tone-muted",
    };
}
