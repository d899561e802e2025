using System.Net;

namespace Cascade.Tests.Failures;

public class ProviderResponseObserverTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("1500", null, 1500)]
    [InlineData(null, "3", 3000)]
    [InlineData(null, "0.5", 500)]
    [InlineData(null, "-4", 0)]
    [InlineData("250", "30", 250)]
    [InlineData(null, "Tue, 01 Dec 2026 06:00:07 GMT", 7000)]
    public void ReadRetryAfter_ReadsMillisecondsSecondsAndDates(string? ms, string? retryAfter, int expectedMs) =>
        ProviderResponseObserver.ReadRetryAfter(ms, retryAfter, s_now).ShouldBe(TimeSpan.FromMilliseconds(expectedMs));

    [Theory]
    [InlineData(null, null)]
    [InlineData("soon", "later")]
    public void ReadRetryAfter_NoneOrGarbage_IsNull(string? ms, string? retryAfter) =>
        ProviderResponseObserver.ReadRetryAfter(ms, retryAfter, s_now).ShouldBeNull();

    [Fact]
    public async Task SendAsync_RecordsStatusAndRetryAfterOnTheCurrentObservation()
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("retry-after", "2");
        using var invoker = new HttpMessageInvoker(new ProviderResponseObserver(new StubHandler(response)));
        var observation = new ProviderCallObservation();

        using (ProviderCallObservation.Begin(observation))
        {
            using HttpResponseMessage _ = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/v1/messages"), default);
        }

        observation.RequestSent.ShouldBeTrue();
        observation.ResponseStarted.ShouldBeTrue();
        observation.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        observation.RetryAfter.ShouldBe(TimeSpan.FromSeconds(2));
        observation.Accepted.ShouldBeFalse();
        ProviderCallObservation.Current.ShouldBeNull();
    }

    [Fact]
    public void CreateTransportHandler_ClosesAbandonedResponsesInsteadOfDrainingThem()
    {
        using SocketsHttpHandler handler = ProviderResponseObserver.CreateTransportHandler();

        handler.ResponseDrainTimeout.ShouldBe(TimeSpan.Zero);
        handler.MaxResponseDrainSize.ShouldBe(0);
    }

    private sealed class StubHandler(HttpResponseMessage response) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(response);
    }
}
