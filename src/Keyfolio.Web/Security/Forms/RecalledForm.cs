namespace Keyfolio.Web.Security.Forms;

/// <summary>A refusal read back (<see cref="RefusedForms.Recall"/>), and the page's address under its new id.</summary>
public sealed record RecalledForm(RefusedForm Form, string Address);
