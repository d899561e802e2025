using System.Globalization;

namespace Cascade.SupportChatDemo.Routing;

/// <summary>Reads the router's <c>x-cascade-*</c> headers off every response and records them in the current <see cref="ChatTurn"/>.</summary>
public sealed class RouteCaptureHandler : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        if (ChatTurn.Current is { } turn && Read(response) is { } call)
        {
            turn.Add(call);
        }

        return response;
    }

    /// <summary>Reads a route from response headers, or <see langword="null"/> when the response carries none.</summary>
    internal static RouterCall? Read(HttpResponseMessage response)
    {
        string? requestId = Header(response, "x-cascade-request-id");
        string? tier = Header(response, "x-cascade-tier");
        string? cost = Header(response, "x-cascade-cost-usd");
        if (requestId is null && tier is null && cost is null)
        {
            return null;
        }

        return new RouterCall(
            requestId,
            tier,
            Header(response, "x-cascade-model"),
            Integer(Header(response, "x-cascade-attempts")),
            Integer(Header(response, "x-cascade-escalations")),
            Integer(Header(response, "x-cascade-fallbacks")),
            decimal.TryParse(cost, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal usd) ? usd : null);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) && values.FirstOrDefault() is { Length: > 0 } value ? value : null;

    private static int? Integer(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) ? number : null;
}
