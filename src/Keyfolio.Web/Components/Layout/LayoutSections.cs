namespace Keyfolio.Web.Components.Layout;

/// <summary>Named places in the app shell that pages and components fill with <c>SectionContent</c>.</summary>
public static class LayoutSections
{
    /// <summary>The right end of the header, beside the language switch: the lock button goes here.</summary>
    public const string HeaderActions = "header-actions";
}
