namespace Cascade.Router;

/// <summary>One API key's stats, as the admin sees them in <c>GET /v1/stats</c>.</summary>
/// <param name="KeyId">The key's id.</param>
/// <param name="Name">The key's display name, when the key is still stored.</param>
/// <param name="Stats">The figures over the key's requests.</param>
public sealed record KeyStats(string KeyId, string? Name, RouterStats Stats);
