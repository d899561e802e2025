namespace Cascade.Protocol.OpenAI;

/// <summary>The error types of the OpenAI API and the HTTP status each goes with.</summary>
public static class OpenAIErrorTypes
{
    /// <summary>400 (and 404 for an unknown model): the request is invalid.</summary>
    public const string InvalidRequest = "invalid_request_error";

    /// <summary>401: the key is missing or wrong.</summary>
    public const string Authentication = "authentication_error";

    /// <summary>403: the key may not use this resource.</summary>
    public const string Permission = "permission_error";

    /// <summary>429: rate limited or out of quota.</summary>
    public const string RateLimit = "rate_limit_error";

    /// <summary>500 and other 5xx: a server error.</summary>
    public const string Server = "server_error";

    /// <summary>503/529: the engine is overloaded.</summary>
    public const string Overloaded = "overloaded_error";

    /// <summary>Gets the error type the API uses for an HTTP status.</summary>
    public static string ForStatus(int statusCode) => statusCode switch
    {
        400 or 404 or 413 or 422 => InvalidRequest,
        401 => Authentication,
        403 => Permission,
        429 => RateLimit,
        503 or 529 => Overloaded,
        _ => Server,
    };
}
