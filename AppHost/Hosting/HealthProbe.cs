namespace Cascade.AppHost.Hosting;

/// <summary>Asks a service's health endpoint whether it is ready.</summary>
public static class HealthProbe
{
    /// <summary>Returns whether <paramref name="url"/> answers 200; a refused connection or any other status is not healthy.</summary>
    public static async Task<bool> IsHealthyAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(url);
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.StatusCode == System.Net.HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The client's own timeout: the service is up but too slow to count as ready.
            return false;
        }
    }
}
