using System.Net.Http.Json;
using System.Text.Json;

namespace Cascade;

/// <summary>
/// The <see cref="IVerifierClient"/> that calls the verifier service's <c>POST /v1/verify</c> over HTTP. Registered by
/// <see cref="VerifierClientServiceCollectionExtensions.AddCascadeVerifierClient"/> on a named <see cref="HttpClient"/> whose
/// base address (<c>https+http://verifier</c> by default) service discovery resolves.
/// </summary>
/// <remarks>
/// No retry and no timeout of its own: <see cref="RemoteVerifierGate"/>'s timeout and failure behaviour decide, so a slow
/// verifier costs one bounded wait, never a multiplied one.
/// </remarks>
public sealed class HttpVerifierClient : IVerifierClient
{
    /// <summary>The path of the verify endpoint.</summary>
    public const string VerifyPath = "v1/verify";

    private readonly Func<HttpClient> _http;

    /// <summary>Initializes the client on one <see cref="HttpClient"/>.</summary>
    /// <param name="http">An <see cref="HttpClient"/> whose base address is the verifier's.</param>
    public HttpVerifierClient(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = () => http;
    }

    /// <summary>
    /// Initializes the client on a named client of <paramref name="factory"/>, created per call so a long-lived gate still
    /// gets the factory's handler rotation (DNS changes, service-discovery updates).
    /// </summary>
    /// <param name="factory">The HTTP client factory.</param>
    /// <param name="name">The named client, whose base address is the verifier's.</param>
    public HttpVerifierClient(IHttpClientFactory factory, string name = VerifierClientServiceCollectionExtensions.HttpClientName)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _http = () => factory.CreateClient(name);
    }

    /// <inheritdoc/>
    /// <exception cref="HttpRequestException">The verifier could not be reached or answered with an error status.</exception>
    /// <exception cref="InvalidDataException">The verifier's reply is not a verification result.</exception>
    public async Task<VerificationResult> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        HttpClient http = _http();
        using HttpResponseMessage response = await http.PostAsJsonAsync(VerifyPath, request, VerifierJsonContext.Default.VerificationRequest, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(
                $"the verifier answered {(int)response.StatusCode} {response.ReasonPhrase}{(body.Length == 0 ? "" : ": " + Shorten(body))}",
                inner: null,
                response.StatusCode);
        }

        try
        {
            return await response.Content.ReadFromJsonAsync(VerifierJsonContext.Default.VerificationResult, cancellationToken)
                ?? throw new InvalidDataException("the verifier's reply is empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the verifier's reply is not a verification result: {ex.Message}", ex);
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 297), "...");
}
