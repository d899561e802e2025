using System.Globalization;
using System.Text.Json;
using Cascade.Protocol;
using Cascade.Protocol.Anthropic;
using Cascade.Protocol.OpenAI;
using Microsoft.AspNetCore.Http;

namespace Cascade.Router;

/// <summary>Writes a <see cref="RouterError"/> in the shape of the API that was called, with the retry headers SDKs read.</summary>
public static class RouterErrorWriter
{
    /// <summary>The header that tells OpenAI's and Anthropic's SDKs whether to retry.</summary>
    public const string ShouldRetryHeader = "x-should-retry";

    /// <summary>Picks the error shape from the request path: <c>/v1/messages</c> is Anthropic's, other <c>/v1</c> paths OpenAI's.</summary>
    public static ApiFlavor FlavorOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments("/v1/messages") ? ApiFlavor.Anthropic
            : request.Path.StartsWithSegments("/v1") ? ApiFlavor.OpenAI
            : ApiFlavor.ProblemDetails;
    }

    /// <summary>Writes the headers of an error (retry, rate limits).</summary>
    public static void WriteHeaders(HttpResponse response, RouterError error)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(error);
        response.Headers[ShouldRetryHeader] = error.ShouldRetry ? "true" : "false";
        if (error.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        error.RateLimit?.WriteHeaders(response.Headers);
    }

    /// <summary>Writes the error as the response.</summary>
    public static async Task WriteAsync(HttpContext context, RouterError error, ApiFlavor? flavor = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        HttpResponse response = context.Response;
        response.StatusCode = error.StatusCode;
        WriteHeaders(response, error);
        ApiFlavor shape = flavor ?? FlavorOf(context.Request);
        response.ContentType = shape == ApiFlavor.ProblemDetails ? "application/problem+json" : "application/json";
        await response.Body.WriteAsync(ToJson(error, shape, context.Request.Path), context.RequestAborted);
    }

    /// <summary>Serializes the error in the given shape (the shared protocol types for the two model APIs).</summary>
    public static byte[] ToJson(RouterError error, ApiFlavor flavor, string? instance = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        switch (flavor)
        {
            case ApiFlavor.OpenAI:
                return JsonSerializer.SerializeToUtf8Bytes(ToOpenAI(error), ProtocolJsonContext.Default.OpenAIErrorResponse);
            case ApiFlavor.Anthropic:
                return JsonSerializer.SerializeToUtf8Bytes(ToAnthropic(error), ProtocolJsonContext.Default.AnthropicErrorResponse);
        }

        using MemoryStream stream = new();
        using (Utf8JsonWriter json = new(stream))
        {
            json.WriteStartObject();
            json.WriteString("type", $"https://cascade.dev/errors/{error.Code}");
            json.WriteString("title", error.Code);
            json.WriteNumber("status", error.StatusCode);
            json.WriteString("detail", error.Message);
            WriteNullable(json, "instance", instance);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Gets the error as OpenAI's error body.</summary>
    public static OpenAIErrorResponse ToOpenAI(RouterError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new() { Error = new OpenAIError { Message = error.Message, Type = OpenAIType(error.StatusCode), Code = error.Code, Param = error.Param } };
    }

    /// <summary>Gets the error as Anthropic's error body.</summary>
    public static AnthropicErrorResponse ToAnthropic(RouterError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new() { Error = new AnthropicError { Type = AnthropicType(error.StatusCode), Message = error.Message } };
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>Gets OpenAI's error type for a status.</summary>
    public static string OpenAIType(int status) => status switch
    {
        401 => "authentication_error",
        402 => "insufficient_quota",
        403 => "permission_error",
        404 => "not_found_error",
        409 => "conflict_error",
        429 => "rate_limit_error",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };

    /// <summary>Gets Anthropic's error type for a status.</summary>
    public static string AnthropicType(int status) => status switch
    {
        401 => "authentication_error",
        402 => "billing_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        529 => "overloaded_error",
        >= 500 => "api_error",
        _ => "invalid_request_error",
    };
}
