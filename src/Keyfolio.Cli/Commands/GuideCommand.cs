using System.CommandLine;
using Keyfolio.Exchanges;

namespace Keyfolio.Cli.Commands;

/// <summary><c>keyfolio guide &lt;exchange&gt;</c>: how to create a least-privilege key on the exchange, in English or Chinese.</summary>
internal static class GuideCommand
{
    public static Command Create()
    {
        var exchange = ExchangeArgument.Create();
        var command = new Command("guide", "Show how to create a read-only key on an exchange: the steps, which rights to enable and never enable, IP whitelist and expiry.") { exchange };
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            if (await ExchangeArgument.ParseAsync(session, parse.GetValue(exchange)!).ConfigureAwait(false) is not { } id)
            {
                return ExitCodes.Usage;
            }

            var descriptor = ExchangeCatalog.Get(id);
            var guide = descriptor.Guide;
            if (session.Json)
            {
                session.WriteJson(new
                {
                    exchange = id.ToName(),
                    name = descriptor.DisplayName,
                    operating = descriptor.IsOperating,
                    notice = guide.Notice is null ? null : guide.Notice.For(session.Culture),
                    apiManagementPage = descriptor.ApiManagementPage,
                    steps = guide.Steps.Select(text => text.For(session.Culture)).ToArray(),
                    enable = guide.Enable.Select(text => text.For(session.Culture)).ToArray(),
                    neverEnable = guide.NeverEnable.Select(text => text.For(session.Culture)).ToArray(),
                    ipWhitelist = guide.IpWhitelist.For(session.Culture),
                    passphrase = guide.Passphrase is null ? null : guide.Passphrase.For(session.Culture),
                    keyExpiry = guide.KeyExpiry.For(session.Culture),
                    fields = descriptor.CredentialFields.Select(f => new { name = f.Name, label = f.Label.For(session.Culture), required = f.Required, expected = f.Rule.Expected.For(session.Culture) }).ToArray(),
                });
                return ExitCodes.Success;
            }

            session.Line(descriptor.DisplayName + " — " + descriptor.ApiManagementPage);
            if (guide.Notice is not null)
            {
                session.Line("! " + guide.Notice.For(session.Culture));
            }

            for (var i = 0; i < guide.Steps.Count; i++)
            {
                session.Line($"{i + 1}. {guide.Steps[i].For(session.Culture)}");
            }

            session.Line(Texts.Of("Enable").For(session.Culture) + " " + string.Join("; ", guide.Enable.Select(text => text.For(session.Culture))));
            session.Line(Texts.Of("NeverEnable").For(session.Culture) + " " + string.Join("; ", guide.NeverEnable.Select(text => text.For(session.Culture))));
            session.Line(Texts.Of("IPWhitelist").For(session.Culture) + " " + guide.IpWhitelist.For(session.Culture));
            if (guide.Passphrase is not null)
            {
                session.Line(Texts.Of("Passphrase").For(session.Culture) + " " + guide.Passphrase.For(session.Culture));
            }

            session.Line(Texts.Of("Expiry").For(session.Culture) + " " + guide.KeyExpiry.For(session.Culture));
            return ExitCodes.Success;
        });
        return command;
    }
}
