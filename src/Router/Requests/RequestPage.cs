namespace Cascade.Router;

/// <summary>The body of <c>GET /v1/requests</c>: a page of requests, newest first.</summary>
/// <param name="Data">The requests on this page.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next (older) page; <see langword="null"/> when there is none.</param>
public sealed record RequestPage(IReadOnlyList<RequestSummary> Data, long? NextCursor);
