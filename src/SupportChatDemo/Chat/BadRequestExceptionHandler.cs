using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Cascade.SupportChatDemo.Chat;

/// <summary>Turns a request the framework cannot read (malformed JSON, wrong content type) into a ProblemDetails with its status and the reason.</summary>
/// <param name="problemDetails">Writes the ProblemDetails.</param>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        string detail = bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "Invalid chat request",
                Detail = detail + " Send a JSON body such as {\"message\": \"Where is my order A12345?\"}.",
            },
        });
    }
}
