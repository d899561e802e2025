namespace Cascade.Protocol.Anthropic;

/// <summary>The error types of the Anthropic API and the HTTP status each goes with.</summary>
public static class AnthropicErrorTypes
{
    /// <summary>400: the request is malformed or invalid (also a prompt longer than the context window).</summary>
    public const string InvalidRequest = "invalid_request_error";

    /// <summary>401: the key is missing or wrong.</summary>
    public const string Authentication = "authentication_error";

    /// <summary>403: the key may not use this resource.</summary>
    public const string Permission = "permission_error";

    /// <summary>404: unknown model or path.</summary>
    public const string NotFound = "not_found_error";

    /// <summary>413: the body is too large.</summary>
    public const string RequestTooLarge = "request_too_large";

    /// <summary>429: rate limited; the response carries <c>retry-after</c>.</summary>
    public const string RateLimit = "rate_limit_error";

    /// <summary>500: an internal error.</summary>
    public const string ApiError = "api_error";

    /// <summary>529: the API is overloaded.</summary>
    public const string Overloaded = "overloaded_error";

    /// <summary>Gets the error type the API uses for an HTTP status.</summary>
    public static string ForStatus(int statusCode) => statusCode switch
    {
        400 => InvalidRequest,
        401 => Authentication,
        403 => Permission,
        404 => NotFound,
        413 => RequestTooLarge,
        429 => RateLimit,
        529 => Overloaded,
        _ => ApiError,
    };
}
