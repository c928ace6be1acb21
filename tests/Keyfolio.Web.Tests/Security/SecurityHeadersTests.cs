using Keyfolio.Web.Security;
using Microsoft.AspNetCore.Http;

namespace Keyfolio.Web.Tests;

public sealed class SecurityHeadersTests
{
    [Fact]
    public void Every_response_gets_the_content_security_policy_and_hardening_headers()
    {
        IHeaderDictionary headers = new HeaderDictionary();

        SecurityHeaders.Apply(headers);

        Assert.Equal("default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'", headers.ContentSecurityPolicy);
        Assert.Equal("nosniff", headers.XContentTypeOptions);
        Assert.Equal("no-referrer", headers["Referrer-Policy"]);
        Assert.Equal("DENY", headers.XFrameOptions);
    }
}
