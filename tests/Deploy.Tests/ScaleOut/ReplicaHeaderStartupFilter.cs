using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Cascade.Deploy.Tests.ScaleOut;

/// <summary>Names the replica that served each response in an <c>x-replica</c> header, so a test sees the load balancer spread the requests.</summary>
internal sealed class ReplicaHeaderStartupFilter(string replica) : IStartupFilter
{
    /// <summary>The response header that names the replica.</summary>
    public const string HeaderName = "x-replica";

    /// <inheritdoc/>
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Response.Headers[HeaderName] = replica;
            return nextMiddleware(context);
        });
        next(app);
    };
}
