namespace Cascade.Protocol.Sse;

/// <summary>A server-sent event whose data was deserialized.</summary>
/// <param name="EventType">The <c>event:</c> name (<c>message</c> when the stream gives none).</param>
/// <param name="Data">The deserialized data.</param>
public readonly record struct SseEvent<T>(string EventType, T Data);
