using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cascade.Client;

/// <summary>Healthy when the router answers <c>GET /alive</c>.</summary>
internal sealed class RouterHealthCheck(IHttpClientFactory factory, string httpClientName) : IHealthCheck
{
    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using HttpResponseMessage response = await factory.CreateClient(httpClientName).GetAsync(new Uri("alive", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"The Cascade router answered /alive with {(int)response.StatusCode}.");
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy("The Cascade router cannot be reached.", ex);
        }
    }
}
