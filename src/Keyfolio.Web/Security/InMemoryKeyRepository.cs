using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Keyfolio.Web.Security;

/// <summary>
/// Keeps the keys that protect cookies and antiforgery tokens in memory only, so no session or token outlives
/// the process (the vault locks when Keyfolio stops) and nothing is written to the default key folder.
/// </summary>
internal sealed class InMemoryKeyRepository : IXmlRepository
{
    private readonly Lock _gate = new();
    private readonly List<XElement> _elements = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_gate)
        {
            return _elements.Select(element => new XElement(element)).ToList();
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        lock (_gate)
        {
            _elements.Add(new XElement(element));
        }
    }
}
