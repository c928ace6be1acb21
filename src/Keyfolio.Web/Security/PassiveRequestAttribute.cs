namespace Keyfolio.Web.Security;

/// <summary>
/// Marks an endpoint a page calls on its own (live updates), not a person: it does not count as activity, so an open
/// tab never keeps the vault from locking itself.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class PassiveRequestAttribute : Attribute
{
}
