using System.CommandLine;
using Keyfolio.Cli.Output;
using Keyfolio.Core;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Sync;

namespace Keyfolio.Cli.Commands;

/// <summary>
/// <c>keyfolio subaccounts &lt;label&gt;</c>: the sub-accounts a master account's key lists, each included or not;
/// <c>--refresh</c> asks the exchange now, <c>--include</c> and <c>--exclude</c> change the choice and refresh the
/// connection (both ask for the master password). Without them it reads the stored list and needs no password.
/// </summary>
internal static class SubAccountsCommand
{
    public static Command Create()
    {
        var label = new Argument<string>("label") { Description = "The connection whose (master) account's sub-accounts to show." };
        LabelArgument.RefuseOptionLookalikes(label);
        var refresh = new Option<bool>("--refresh") { Description = "Ask the exchange for the sub-accounts now (asks for the master password)." };
        var include = new Option<string[]>("--include") { Description = "Include this sub-account (its name as listed) in the connection's readings; repeatable.", HelpName = "NAME", AllowMultipleArgumentsPerToken = false };
        var exclude = new Option<string[]>("--exclude") { Description = "Leave this sub-account out of the connection's readings; repeatable.", HelpName = "NAME", AllowMultipleArgumentsPerToken = false };
        LabelArgument.RefuseOptionLookalikes(include, "a sub-account name");
        LabelArgument.RefuseOptionLookalikes(exclude, "a sub-account name");
        var command = new Command(
            "subaccounts",
            "Show the sub-accounts a master account's read-only key lists, and choose which to include: an included sub-account is read with its connection, valued as its own row under it and counted in every total.")
        {
            label, refresh, include, exclude,
        };
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            var name = parse.GetValue(label)!;
            var toInclude = parse.GetValue(include) ?? [];
            var toExclude = parse.GetValue(exclude) ?? [];
            var sync = session.Get<SyncService>();
            if (parse.GetValue(refresh) || toInclude.Length > 0 || toExclude.Length > 0)
            {
                if (await session.UnlockAsync(cancellationToken).ConfigureAwait(false) is { } locked)
                {
                    return locked;
                }
            }

            CoreResult<SubAccountList> list = await sync.GetSubAccountsAsync(name, cancellationToken).ConfigureAwait(false);
            if (list.IsSuccess && parse.GetValue(refresh))
            {
                list = await session.WithSpinnerAsync(Texts.Refreshing, () => sync.ListSubAccountsNowAsync(name, cancellationToken)).ConfigureAwait(false);
            }

            foreach (var (sub, included) in toInclude.Select(s => (s, true)).Concat(toExclude.Select(s => (s, false))))
            {
                if (!list.IsSuccess)
                {
                    break;
                }

                list = await session.WithSpinnerAsync(Texts.Refreshing, () => sync.SetSubAccountIncludedAsync(name, sub, included, cancellationToken)).ConfigureAwait(false);
            }

            if (!list.IsSuccess)
            {
                return await session.FailAsync(list.Error).ConfigureAwait(false);
            }

            var view = (await session.Get<ConnectionService>().GetAsync(name, vaultLockApplies: false, cancellationToken).ConfigureAwait(false))!;
            if (session.Json)
            {
                session.WriteJson(Views.ToJson(view, list.Value, session.Culture));
            }
            else
            {
                Views.WriteSubAccounts(view, list.Value, session);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
