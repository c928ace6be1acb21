using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Keyfolio.Web.Api;

/// <summary>
/// Says in the OpenAPI document how the API is authenticated: the session cookie (set by <c>POST /api/vault/unlock</c>)
/// on the operations that need a session, the antiforgery header on every state-changing operation, and neither
/// required (an empty requirement) on the few that answer without a session. Also describes each tag, and writes the
/// server addresses without a trailing slash.
/// </summary>
internal static class OpenApiSecurity
{
    public const string SessionScheme = "session";
    public const string AntiforgeryScheme = "antiforgery";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Session"] = "The antiforgery token every state-changing request sends.",
        ["Vault"] = "Unlocking and locking the vault that keeps the API keys; unlocking starts a session.",
        ["Connections"] = "Exchange accounts connected by API key: add, check, refresh, replace the key, remove.",
        ["Portfolio"] = "Balances and the portfolio's value, from the latest snapshots.",
        ["Key health"] = "Findings about each key (withdrawal rights, IP binding, expiry) with their fixes.",
        ["Audit"] = "The tamper-evident audit log and its verification.",
        ["Alerts"] = "What Keyfolio noticed about the keys and connections (failing, expiring, rights gained, balances not read in full), and marking it read.",
    };

    public static Task DocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[SessionScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = KeyfolioCookies.Session,
            Description = "The session cookie POST /api/vault/unlock sets; it ends when the vault locks or the session expires.",
        };
        document.Components.SecuritySchemes[AntiforgeryScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = WebSecurityServices.AntiforgeryHeader,
            Description = "The token from GET /api/antiforgery (a new one after unlocking), sent with the cookie that came with it.",
        };

        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Tags ??= new HashSet<OpenApiTag>();
        var named = document.Tags.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, description) in TagDescriptions.Where(t => !named.Contains(t.Key)))
        {
            document.Tags.Add(new OpenApiTag { Name = name });
        }

        foreach (var tag in document.Tags)
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A <see cref="Models.SecretText"/> field is a write-only string (a password field), whatever its converter.</summary>
    public static Task SchemaAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(Models.SecretText))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = "password";
            schema.WriteOnly = true;
            schema.MaxLength = Models.SecretText.MaxLength;
        }

        return Task.CompletedTask;
    }

    public static Task OperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var needsSession = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var method = context.Description.HttpMethod ?? HttpMethods.Get;
        var changesState = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
        var requirement = new OpenApiSecurityRequirement();
        if (needsSession)
        {
            requirement[new OpenApiSecuritySchemeReference(SessionScheme, context.Document)] = [];
        }

        if (changesState)
        {
            requirement[new OpenApiSecuritySchemeReference(AntiforgeryScheme, context.Document)] = [];
        }

        // An empty requirement: the operation answers without a session.
        operation.Security = [requirement];
        return Task.CompletedTask;
    }
}
