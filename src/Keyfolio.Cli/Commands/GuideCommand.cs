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
                    notice = guide.Notice is null ? null : session.T(guide.Notice),
                    apiManagementPage = descriptor.ApiManagementPage,
                    steps = guide.Steps.Select(session.T).ToArray(),
                    enable = guide.Enable.Select(session.T).ToArray(),
                    neverEnable = guide.NeverEnable.Select(session.T).ToArray(),
                    ipWhitelist = session.T(guide.IpWhitelist),
                    passphrase = guide.Passphrase is null ? null : session.T(guide.Passphrase),
                    keyExpiry = session.T(guide.KeyExpiry),
                    fields = descriptor.CredentialFields.Select(f => new { name = f.Name, label = session.T(f.Label), required = f.Required, expected = session.T(f.Rule.Expected) }).ToArray(),
                });
                return ExitCodes.Success;
            }

            session.Line(descriptor.DisplayName + " — " + descriptor.ApiManagementPage);
            if (guide.Notice is not null)
            {
                session.Line("! " + session.T(guide.Notice));
            }

            for (var i = 0; i < guide.Steps.Count; i++)
            {
                session.Line($"{i + 1}. {session.T(guide.Steps[i])}");
            }

            session.Line(session.T(new("Enable:", "请开启：")) + " " + string.Join("; ", guide.Enable.Select(session.T)));
            session.Line(session.T(new("Never enable:", "切勿开启：")) + " " + string.Join("; ", guide.NeverEnable.Select(session.T)));
            session.Line(session.T(new("IP whitelist:", "IP 白名单：")) + " " + session.T(guide.IpWhitelist));
            if (guide.Passphrase is not null)
            {
                session.Line(session.T(new("Passphrase:", "密码短语：")) + " " + session.T(guide.Passphrase));
            }

            session.Line(session.T(new("Expiry:", "有效期：")) + " " + session.T(guide.KeyExpiry));
            return ExitCodes.Success;
        });
        return command;
    }
}
