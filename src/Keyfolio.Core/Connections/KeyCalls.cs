using Keyfolio.Core.Audit;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Connections;

/// <summary>Runs exchange calls with one key, so their audit entries name the key, and turns an audit refusal into an error.</summary>
internal static class KeyCalls
{
    public static async Task<CoreResult<ExchangeResult<T>>> RunAsync<T>(string keyFingerprint, Func<Task<ExchangeResult<T>>> call)
    {
        using var key = AuditActor.UseKey(keyFingerprint);
        try
        {
            return CoreResult<ExchangeResult<T>>.Success(await call().ConfigureAwait(false));
        }
        catch (AuditRefusedException refused)
        {
            return Errors.AuditFailed(refused.Message);
        }
    }
}
