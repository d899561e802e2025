using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Cascade.Verifier.Verification;

/// <summary>
/// Asks every <c>/v1</c> call for <see cref="VerifierOptions.ServiceKey"/> as <c>Authorization: Bearer</c> when one is
/// configured, and answers a missing or wrong key with a 401 ProblemDetails.
/// </summary>
internal static class ServiceKeyFilter
{
    /// <summary>The endpoint filter.</summary>
    public static async ValueTask<object?> RequireServiceKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpContext http = context.HttpContext;
        string? expected = http.RequestServices.GetRequiredService<IOptions<VerifierOptions>>().Value.ServiceKey;
        if (string.IsNullOrEmpty(expected))
        {
            return await next(context);
        }

        string header = http.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized("Send the verifier's service key as 'Authorization: Bearer <key>' (Verifier:ServiceKey; the AppHost hands it to each caller).");
        }

        byte[] given = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        byte[] wanted = Encoding.UTF8.GetBytes(expected);
        return CryptographicOperations.FixedTimeEquals(given, wanted)
            ? await next(context)
            : Unauthorized("The service key is not the verifier's (Verifier:ServiceKey).");
    }

    private static IResult Unauthorized(string detail) =>
        TypedResults.Problem(title: "Unauthorized", detail: detail, statusCode: StatusCodes.Status401Unauthorized);
}
