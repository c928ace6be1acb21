namespace Keyfolio.Core;

/// <summary>Steps over core results: the next step runs only on a success.</summary>
public static class CoreResultExtensions
{
    /// <summary>Runs <paramref name="next"/> on the value of a success; a failure is passed on as it is.</summary>
    public static async Task<CoreResult<TNext>> ThenAsync<T, TNext>(this Task<CoreResult<T>> first, Func<T, Task<CoreResult<TNext>>> next)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(next);
        var result = await first.ConfigureAwait(false);
        return result.IsSuccess ? await next(result.Value).ConfigureAwait(false) : result.Error;
    }
}
