namespace Cascade.Router;

/// <summary>An answer kept for an <c>Idempotency-Key</c>, replayed byte for byte when the key comes again.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="ContentType">The content type.</param>
/// <param name="Body">The body (a JSON document, or a whole event stream).</param>
/// <param name="Headers">The response headers worth replaying (the route headers).</param>
public sealed record StoredResponse(int StatusCode, string ContentType, string Body, IReadOnlyDictionary<string, string> Headers);
