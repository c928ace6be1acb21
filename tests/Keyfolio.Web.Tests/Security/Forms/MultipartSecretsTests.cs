using System.Text;
using Keyfolio.Web.Security.Forms;

namespace Keyfolio.Web.Tests.Security.Forms;

public sealed class MultipartSecretsTests
{
    private const string Boundary = "----formdata-test";

    [Fact]
    public void A_secret_part_is_cut_out_and_read_as_posted_and_the_rest_is_kept_byte_for_byte()
    {
        using var secrets = new PostedSecrets();
        var file = Part("Import.File\"; filename=\"a.kfx", "KFVX\r\n--not-the-boundary\r\n");

        var rest = Split(Body(Part("_handler", "import"), file, Part("Import.Password", "pé 中🔑\r\nx")), secrets, out var refusal);

        Assert.Equal(UrlEncodedSecrets.Refusal.None, refusal);
        Assert.Equal(Body(Part("_handler", "import"), file), rest);
        using var password = secrets.Take(SecretFormFields.ImportPassword);
        Assert.Equal("pé 中🔑\r\nx", password!.Span.ToString());
    }

    [Fact]
    public void A_secret_part_first_or_between_others_leaves_a_well_formed_body()
    {
        using var secrets = new PostedSecrets();

        var rest = Split(Body(Part("Import.Password", "first"), Part("_handler", "import"), Part("Import.File\"; filename=\"a.kfx", "data")), secrets, out _);

        Assert.Equal(Body(Part("_handler", "import"), Part("Import.File\"; filename=\"a.kfx", "data")), rest);
        using var password = secrets.Take(SecretFormFields.ImportPassword);
        Assert.Equal("first", password!.Span.ToString());
    }

    [Fact]
    public void A_form_without_secret_fields_or_a_body_of_another_boundary_is_left_alone()
    {
        using var secrets = new PostedSecrets();
        var other = Encoding.UTF8.GetBytes(Body(Part("_handler", "time-zone"), Part("Import.Password", "kept")));
        var unbounded = Encoding.UTF8.GetBytes("_handler=import&Import.Password=kept");

        Assert.False(MultipartSecrets.TrySplit(other, Boundary, secrets, out var otherLength, out _));
        Assert.False(MultipartSecrets.TrySplit(unbounded, Boundary, secrets, out var unboundedLength, out _));

        Assert.Equal((other.Length, unbounded.Length), (otherLength, unboundedLength));
        Assert.Null(secrets.Take(SecretFormFields.ImportPassword));
    }

    [Fact]
    public void A_repeated_or_malformed_secret_part_refuses_the_form()
    {
        using var repeated = new PostedSecrets();
        using var malformed = new PostedSecrets();

        Split(Body(Part("_handler", "import"), Part("Import.Password", "a"), Part("Import.Password", "b")), repeated, out var twice);
        var invalid = Encoding.UTF8.GetBytes(Body(Part("_handler", "import"), Part("Import.Password", "?")));
        invalid[Array.LastIndexOf(invalid, (byte)'?')] = 0xFF;
        MultipartSecrets.TrySplit(invalid, Boundary, malformed, out _, out var notUtf8);

        Assert.Equal(UrlEncodedSecrets.Refusal.Repeated, twice);
        Assert.Equal(UrlEncodedSecrets.Refusal.Malformed, notUtf8);
    }

    [Fact]
    public void A_file_part_named_as_a_secret_field_is_left_to_the_framework()
    {
        using var secrets = new PostedSecrets();
        var body = Body(Part("_handler", "import"), Part("Import.Password\"; filename=\"p.txt", "not read"));

        var rest = Split(body, secrets, out var refusal);

        Assert.Equal(UrlEncodedSecrets.Refusal.None, refusal);
        Assert.Equal(body, rest);
        Assert.Null(secrets.Take(SecretFormFields.ImportPassword));
    }

    private static string Part(string name, string content) =>
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{content}\r\n";

    private static string Body(params string[] parts) => "preamble\r\n" + string.Concat(parts) + $"--{Boundary}--\r\n";

    private static string Split(string body, PostedSecrets secrets, out UrlEncodedSecrets.Refusal refusal)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        MultipartSecrets.TrySplit(bytes, Boundary, secrets, out var restLength, out refusal);
        return Encoding.UTF8.GetString(bytes, 0, restLength);
    }
}
