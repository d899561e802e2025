using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>Reads the per-request values a caller put in <see cref="ChatOptions.AdditionalProperties"/> under <see cref="CascadeOptionKeys"/>.</summary>
internal static class CascadeRequestOptions
{
    public static string? RequestId(ChatOptions? options) => String(options, CascadeOptionKeys.RequestId);

    public static string? Workload(ChatOptions? options) => String(options, CascadeOptionKeys.Workload);

    public static string? PinnedTier(ChatOptions? options) => String(options, CascadeOptionKeys.PinnedTier);

    public static RequestLimits? Limits(ChatOptions? options) => Get<RequestLimits>(options, CascadeOptionKeys.Limits);

    public static GateExpectations? Expectations(ChatOptions? options) => Get<GateExpectations>(options, CascadeOptionKeys.Expectations);

    private static string? String(ChatOptions? options, string key) =>
        options?.AdditionalProperties?.TryGetValue(key, out object? value) == true
            ? value switch
            {
                null => null,
                string s => string.IsNullOrWhiteSpace(s) ? null : s,
                _ => throw new InvalidCascadeRequestException($"ChatOptions.AdditionalProperties['{key}'] must be a string, not {value.GetType().Name}."),
            }
            : null;

    private static T? Get<T>(ChatOptions? options, string key)
        where T : class =>
        options?.AdditionalProperties?.TryGetValue(key, out object? value) == true
            ? value switch
            {
                null => null,
                T typed => typed,
                _ => throw new InvalidCascadeRequestException($"ChatOptions.AdditionalProperties['{key}'] must be a {typeof(T).Name}, not {value.GetType().Name}."),
            }
            : null;
}
