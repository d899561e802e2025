namespace Cascade.Simulator.Tests.Infrastructure;

/// <summary>
/// Extra request headers (request id, fault) that the SDK clients send on calls made inside a scope, through
/// <see cref="Handler"/>: the SDKs themselves are used unchanged.
/// </summary>
public static class TestHeaders
{
    private static readonly AsyncLocal<IReadOnlyList<(string Name, string Value)>?> s_current = new();

    /// <summary>Sends <paramref name="headers"/> on every request made until the scope is disposed.</summary>
    public static IDisposable Scope(params (string Name, string Value)[] headers)
    {
        IReadOnlyList<(string, string)>? previous = s_current.Value;
        s_current.Value = headers;
        return new Restore(previous);
    }

    /// <summary>Adds the scope's headers to each request.</summary>
    public sealed class Handler : DelegatingHandler
    {
        public Handler()
            : base(new SocketsHttpHandler())
        {
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            foreach ((string name, string value) in s_current.Value ?? [])
            {
                request.Headers.Remove(name);
                request.Headers.TryAddWithoutValidation(name, value);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class Restore(IReadOnlyList<(string, string)>? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}
