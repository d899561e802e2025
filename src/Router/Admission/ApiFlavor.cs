namespace Cascade.Router;

/// <summary>Which API's error shape a response uses.</summary>
public enum ApiFlavor
{
    /// <summary>OpenAI's <c>{"error":{"message","type","param","code"}}</c>.</summary>
    OpenAI,

    /// <summary>Anthropic's <c>{"type":"error","error":{"type","message"}}</c>.</summary>
    Anthropic,

    /// <summary>RFC 9457 problem details (the router's own APIs).</summary>
    ProblemDetails,
}
