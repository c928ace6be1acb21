namespace Keyfolio.Web.Resources;

/// <summary>The user-interface texts (<c>Ui.resx</c>, <c>Ui.zh-Hans.resx</c>), for <c>IStringLocalizer&lt;Ui&gt;</c>.</summary>
public sealed class Ui
{
    private Ui()
    {
    }
}
