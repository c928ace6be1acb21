using System.CommandLine;
using System.Globalization;
using Keyfolio.Core.Access;
using Keyfolio.Core.Audit;
using Keyfolio.Vault.Audit;
using Spectre.Console;

namespace Keyfolio.Cli.Commands;

/// <summary><c>keyfolio audit [--verify] [--reseal]</c>: the activity log, its verification, and a deliberate reseal.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var verify = new Option<bool>("--verify") { Description = "Walk the whole chain and report the first entry edited, deleted, reordered or cut; exit code 9 when broken." };
        var reseal = new Option<bool>("--reseal") { Description = "After a deliberate restore from backup: continue a log found broken (at open or by a full walk). Asks for the master password (or reads --password-file). The break stays recorded." };
        var limit = new Option<int>("--limit") { Description = "How many of the newest entries to show (1 to 10,000).", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(result =>
        {
            // A value that is not a number is reported by the parser itself; this checks the range of one that is.
            if (result.Tokens is [var token] && int.TryParse(token.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is < 1 or > 10_000)
            {
                result.AddError("--limit must be a whole number from 1 to 10,000.");
            }
        });
        var connection = new Option<string?>("--connection") { Description = "Only the entries of this connection id." };
        var command = new Command("audit", "Show the tamper-evident activity log: unlocks, keys added, replaced and removed, every exchange call.")
        {
            verify, reseal, limit, connection,
        };
        CommandRunner.Run(command, async (session, parse, cancellationToken) =>
        {
            var trail = session.Get<AuditTrail>();
            AuditLog log;
            try
            {
                log = await trail.GetLogAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AuditLogException exception)
            {
                return await session.FailAsync(new Core.CoreError(Core.CoreErrorKind.AuditFailed, Texts.Of("AuditLogUnreadable", exception.Message), Texts.Of("RestoreAuditKeyFromA"))).ConfigureAwait(false);
            }

            if (parse.GetValue(reseal))
            {
                // A full walk first: it records a break that opening the log does not look for (deep in the chain).
                if (log.BlockedBy is null && (await trail.VerifyAsync(cancellationToken).ConfigureAwait(false)).IsIntact)
                {
                    session.Line(Texts.Of("TheAuditLogIsNot").For(session.Culture));
                    return ExitCodes.Success;
                }

                // Authorised by the master password, checked (and throttled, and audited) by the vault like an unlock.
                var password = await session.ReadPasswordAsync(Texts.MasterPassword, cancellationToken).ConfigureAwait(false);
                if (password is null)
                {
                    return await session.NoTerminalAsync(Texts.MasterPassword).ConfigureAwait(false);
                }

                var resealed = await session.WithSpinnerAsync(Texts.Unlocking, () => session.Get<VaultAccess>().ResealAuditLogAsync(password, cancellationToken)).ConfigureAwait(false);
                if (!resealed.IsSuccess)
                {
                    return await session.FailAsync(resealed.Error).ConfigureAwait(false);
                }

                var entry = resealed.Value;
                session.Line(Texts.Of("ResealedEntryRecords", entry.Sequence, entry.Outcome).For(session.Culture));
                return ExitCodes.Success;
            }

            if (parse.GetValue(verify))
            {
                var verification = await trail.VerifyAsync(cancellationToken).ConfigureAwait(false);
                if (session.Json)
                {
                    session.WriteJson(new { intact = verification.IsIntact, entriesChecked = verification.EntriesChecked, problem = verification.Problem, firstBadSequence = verification.FirstBadSequence, summary = verification.Summary });
                }
                else
                {
                    session.Line(verification.IsIntact
                        ? Texts.Of("AuditLogIntact", verification.Summary, verification.EntriesChecked).For(session.Culture)
                        : Texts.Of("AuditLogFailedVerification", verification.Summary).For(session.Culture));
                }

                return verification.IsIntact ? ExitCodes.Success : ExitCodes.AuditProblem;
            }

            var entries = await trail.ReadNewestAsync(parse.GetValue(limit), parse.GetValue(connection), cancellationToken).ConfigureAwait(false);
            if (session.Json)
            {
                session.WriteJson(entries.Select(e => new
                {
                    sequence = e.Sequence,
                    time = e.Time,
                    actor = e.Actor,
                    action = AuditActionCodes.ToCode(e.Action),
                    connectionId = e.ConnectionId,
                    keyFingerprint = e.KeyFingerprint,
                    endpoint = e.Endpoint,
                    outcome = e.Outcome,
                    durationMs = e.Duration?.TotalMilliseconds,
                }).ToArray());
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("#", Texts.Of("TimeUTC").For(session.Culture), Texts.Of("Actor").For(session.Culture), Texts.Of("Action").For(session.Culture), Texts.Connection.For(session.Culture), Texts.Of("Endpoint").For(session.Culture), Texts.Of("Outcome").For(session.Culture));
            foreach (var entry in entries)
            {
                table.AddRow(
                    entry.Sequence.ToString(CultureInfo.InvariantCulture),
                    entry.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(entry.Actor),
                    AuditActionCodes.ToCode(entry.Action),
                    Markup.Escape(entry.ConnectionId ?? "-"),
                    Markup.Escape(entry.Endpoint ?? "-"),
                    Markup.Escape(entry.Outcome ?? "-"));
            }

            session.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
