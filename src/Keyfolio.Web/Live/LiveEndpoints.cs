using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Keyfolio.Core.Connections;
using Keyfolio.Web.Connections;
using Keyfolio.Web.Components.Exchanges;
using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Keyfolio.Web.Live;

/// <summary>
/// What keeps My Exchanges current without a reload: <c>/exchanges/events</c>, a server-sent event each time the
/// cards change (a background sync pass, a refresh, the vault locking), and <c>/exchanges/cards</c>, the cards alone,
/// which the page fetches and swaps in. Both are passive: they never postpone the vault's auto-lock.
/// </summary>
internal static class LiveEndpoints
{
    public const string EventsPath = "/exchanges/events";
    public const string CardsPath = "/exchanges/cards";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(EventsPath, Events).RequireAuthorization().WithMetadata(new PassiveRequestAttribute()).ExcludeFromDescription();
        endpoints.MapGet(CardsPath, CardsAsync).RequireAuthorization().WithMetadata(new PassiveRequestAttribute()).ExcludeFromDescription();
    }

    private static ServerSentEventsResult<string> Events(ConnectionChanges changes, IHostApplicationLifetime lifetime, HttpContext context) =>
        TypedResults.ServerSentEvents(StreamAsync(changes, lifetime.ApplicationStopping, context.RequestAborted));

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(
        ConnectionChanges changes,
        CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken aborted)
    {
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(stopping, aborted);
        var seen = changes.Version;
        yield return new SseItem<string>(Version(seen), "ready");
        while (true)
        {
            try
            {
                await changes.WaitAsync(seen, ends.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            seen = changes.Version;
            yield return new SseItem<string>(Version(seen), "changed");
        }
    }

    private static async Task<RazorComponentResult<ConnectionCardList>> CardsAsync(ConnectionService connections, ConnectionChanges changes, HttpContext context, CancellationToken cancellationToken)
    {
        var version = changes.Version;
        var views = await connections.ListAsync(vaultLockApplies: true, cancellationToken).ConfigureAwait(false);
        return new RazorComponentResult<ConnectionCardList>(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [nameof(ConnectionCardList.Views)] = views,
            [nameof(ConnectionCardList.Version)] = version,
            [nameof(ConnectionCardList.Query)] = ConnectionListQuery.From(context.Request.Query, context.Request.Cookies[ConnectionListQuery.CookieName]),
        });
    }

    private static string Version(long version) => version.ToString(CultureInfo.InvariantCulture);
}
