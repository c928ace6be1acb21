using Keyfolio.Web.Tests.Harness;

namespace Keyfolio.Web.Tests.Pages;

/// <summary>The forms of a stored connection, refused, answer 303 to their page as every refused form does: the refusal
/// is shown there once, a key typed again, its secret never sent back.</summary>
public sealed class RefusedConnectionFormRedirectTests(SeededApp app) : IClassFixture<SeededApp>
{
    private const string ApiKey = "Lr8UoW3yMq0SxA5nZc7IdK4tEg9HlB2vFj6Pp1OsRu3WzYx8QaMn5CoDt0Ve4Gi7";
    private const string Secret = "Ty5Wc9On3Rx7Fs1Uz4Vj8Pq2Bt6Eg0Hi5Kl9Ma3Yd7Wc1On4Rx8Fs2Uz6Vj0PqB";

    [Fact]
    public async Task A_refused_key_replacement_is_sent_back_with_the_api_key_and_without_the_secret()
    {
        var client = await app.ClientAsync();
        var path = $"/connections/{app.Ids["Binance main"]}/replace";

        var refused = await RefusedPage.SubmitAsync(client, path, "replace", [new("Form.ApiKey", ApiKey), new("Form.Secret", Secret)], Secret);

        Assert.Contains("id=\"replace-error\"", refused.Page, StringComparison.Ordinal);
        Assert.Contains("value=\"" + ApiKey + "\"", refused.Page, StringComparison.Ordinal);
        Assert.Contains("Type the secret again", refused.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"replace-error\"", refused.Again, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, refused.Again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_correction_is_sent_back_without_the_value()
    {
        var client = await app.ClientAsync();
        var path = $"/connections/{app.Ids["wrong-passphrase"]}/correct/passphrase";
        const string Passphrase = "Still-not-the-passphrase-42";

        var refused = await RefusedPage.SubmitAsync(client, path, "correct", [new("Form.Passphrase", Passphrase)], Passphrase);

        Assert.Contains("id=\"correct-error\"", refused.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"correct-error\"", refused.Again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_refresh_interval_is_sent_back_to_the_connection()
    {
        var client = await app.ClientAsync();
        var path = $"/connections/{app.Ids["Gate main"]}";

        var refused = await RefusedPage.SubmitAsync(client, path, "interval", [new("Interval.Minutes", "0")]);

        Assert.Contains("id=\"check-error\"", refused.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"check-error\"", refused.Again, StringComparison.Ordinal);
    }
}
