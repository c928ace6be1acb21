using Keyfolio.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Keyfolio.Web.Api;

/// <summary>How a handler answers what the core returned: the value as the response, or the error as a problem.</summary>
internal static class CoreAnswers
{
    public static Results<TAnswer, ProblemHttpResult> Answer<T, TAnswer>(this CoreResult<T> result, Func<T, TAnswer> answer, HttpContext context)
        where TAnswer : IResult =>
        result.IsSuccess ? answer(result.Value) : CoreProblems.From(result.Error, context);
}
