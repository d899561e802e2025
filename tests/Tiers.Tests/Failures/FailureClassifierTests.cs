using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.AI;

namespace Cascade.Tests.Failures;

public class FailureClassifierTests
{
    private static readonly FailureClassifier s_classifier = FailureClassifier.Default;

    [Theory]
    [InlineData(429, "", FailureCause.RateLimited)]
    [InlineData(529, "", FailureCause.Overloaded)]
    [InlineData(503, "The engine is currently overloaded", FailureCause.Overloaded)]
    [InlineData(503, "", FailureCause.ServerError)]
    [InlineData(500, "", FailureCause.ServerError)]
    [InlineData(502, "", FailureCause.ServerError)]
    [InlineData(504, "", FailureCause.TimeoutBeforeResponse)]
    [InlineData(408, "", FailureCause.TimeoutBeforeResponse)]
    [InlineData(400, "messages: roles must alternate", FailureCause.InvalidRequest)]
    [InlineData(400, "prompt is too long: 215000 tokens > 200000 maximum", FailureCause.ContextTooLong)]
    [InlineData(400, "{\"error\":{\"code\":\"context_length_exceeded\"}}", FailureCause.ContextTooLong)]
    [InlineData(400, "{\"error\":{\"code\":\"content_filter\"}}", FailureCause.ContentRefusal)]
    [InlineData(401, "", FailureCause.Authentication)]
    [InlineData(403, "", FailureCause.Authentication)]
    [InlineData(404, "", FailureCause.InvalidRequest)]
    [InlineData(422, "", FailureCause.InvalidRequest)]
    public void CauseOfStatus_FollowsTheProvidersStatusUse(int status, string body, FailureCause expected) =>
        FailureClassifier.CauseOfStatus(status, body).ShouldBe(expected);

    [Fact]
    public void Classify_CallerCancellationBeforeAcceptance_IsCancelledByCallerAndUnbilled()
    {
        FailureClassification result = s_classifier.Classify(new OperationCanceledException(), new FailureContext(CallerCancelled: true));

        result.Cause.ShouldBe(FailureCause.CancelledByCaller);
        result.Accepted.ShouldBeFalse();
    }

    [Fact]
    public void Classify_CallerCancellationAfterOutput_IsClientDisconnectedAndBilled()
    {
        FailureClassification result = s_classifier.Classify(new TaskCanceledException(), new FailureContext(CallerCancelled: true, OutputReceived: true));

        result.Cause.ShouldBe(FailureCause.ClientDisconnected);
        result.Accepted.ShouldBeTrue();
    }

    [Fact]
    public void Classify_AttemptTimeoutWithoutResponse_IsTimeoutBeforeResponse()
    {
        var observation = new ProviderCallObservation();
        FailureClassification result = s_classifier.Classify(new TaskCanceledException(), new FailureContext(AttemptTimedOut: true, Observation: observation));

        result.Cause.ShouldBe(FailureCause.TimeoutBeforeResponse);
        result.Accepted.ShouldBeFalse();
    }

    [Fact]
    public void Classify_AttemptTimeoutAfterSuccessHeaders_IsTimeoutAfterAcceptanceAndBilled()
    {
        var observation = new ProviderCallObservation();
        observation.OnRequestSent();
        observation.OnResponse(HttpStatusCode.OK, null);

        FailureClassification result = s_classifier.Classify(new TaskCanceledException(), new FailureContext(AttemptTimedOut: true, Observation: observation));

        result.Cause.ShouldBe(FailureCause.TimeoutAfterAcceptance);
        result.Accepted.ShouldBeTrue();
    }

    [Fact]
    public void Classify_ErrorStatusHeadersAreNotAcceptance()
    {
        var observation = new ProviderCallObservation();
        observation.OnResponse(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(2));

        observation.Accepted.ShouldBeFalse();
        observation.RetryAfter.ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Theory]
    [InlineData(HttpRequestError.ConnectionError, FailureCause.ConnectionFailedBeforeSend)]
    [InlineData(HttpRequestError.NameResolutionError, FailureCause.ConnectionFailedBeforeSend)]
    [InlineData(HttpRequestError.SecureConnectionError, FailureCause.ConnectionFailedBeforeSend)]
    [InlineData(HttpRequestError.ResponseEnded, FailureCause.ConnectionFailedAfterSend)]
    [InlineData(HttpRequestError.InvalidResponse, FailureCause.ConnectionFailedAfterSend)]
    public void Classify_HttpRequestErrorTellsBeforeSendFromAfterSend(HttpRequestError error, FailureCause expected)
    {
        var exception = new HttpRequestException(error, "boom");

        s_classifier.Classify(exception, default).Cause.ShouldBe(expected);
    }

    [Fact]
    public void Classify_UnknownHttpErrorAfterTheObserverSawTheRequestLeave_IsAfterSend()
    {
        var observation = new ProviderCallObservation();
        observation.OnRequestSent();

        s_classifier.Classify(new HttpRequestException("reset", new IOException("reset")), new FailureContext(Observation: observation))
            .Cause.ShouldBe(FailureCause.ConnectionFailedAfterSend);
    }

    [Fact]
    public void Classify_RefusedSocket_IsBeforeSend() =>
        s_classifier.Classify(new SocketException((int)SocketError.ConnectionRefused), default).Cause.ShouldBe(FailureCause.ConnectionFailedBeforeSend);

    [Fact]
    public void Classify_StreamCutAfterOutput_IsAfterSendAndBilled()
    {
        FailureClassification result = s_classifier.Classify(new IOException("The response ended prematurely."), new FailureContext(OutputReceived: true));

        result.Cause.ShouldBe(FailureCause.ConnectionFailedAfterSend);
        result.Accepted.ShouldBeTrue();
    }

    [Fact]
    public void Classify_AnUnknownSdkException_UsesTheStatusTheObserverSaw()
    {
        var observation = new ProviderCallObservation();
        observation.OnResponse(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(4));

        FailureClassification result = s_classifier.Classify(new InvalidOperationException("ollama: 429"), new FailureContext(Observation: observation));

        result.Cause.ShouldBe(FailureCause.RateLimited);
        result.RetryAfter.ShouldBe(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public void Classify_AnythingElse_IsUnknownAndSaysWhat()
    {
        FailureClassification result = s_classifier.Classify(new InvalidOperationException("bad state"), default);

        result.Cause.ShouldBe(FailureCause.Unknown);
        result.Message.ShouldContain("InvalidOperationException");
        result.Message.ShouldContain("bad state");
    }

    [Fact]
    public void ClassifyResponse_NoTextAndNoToolCall_IsEmptyAnswer()
    {
        s_classifier.ClassifyResponse(new ChatResponse(new ChatMessage(ChatRole.Assistant, "  \n"))).ShouldBe(FailureCause.EmptyAnswer);
        s_classifier.ClassifyResponse(new ChatResponse([])).ShouldBe(FailureCause.EmptyAnswer);
    }

    [Fact]
    public void ClassifyResponse_AToolCallIsAnAnswer() =>
        s_classifier.ClassifyResponse(Cascade.Testing.ChatResponses.ToolCall("c1", "get_order")).ShouldBeNull();

    [Fact]
    public void ClassifyResponse_TextIsAnAnswer() =>
        s_classifier.ClassifyResponse(Cascade.Testing.ChatResponses.Text("Monday")).ShouldBeNull();

    [Fact]
    public void ClassifyResponse_ContentFilterOrRefusalStopReason_IsContentRefusal()
    {
        s_classifier.ClassifyResponse(Cascade.Testing.ChatResponses.Text("partial", finishReason: ChatFinishReason.ContentFilter)).ShouldBe(FailureCause.ContentRefusal);
        s_classifier.ClassifyResponse(Cascade.Testing.ChatResponses.Text("", finishReason: new ChatFinishReason("refusal"))).ShouldBe(FailureCause.ContentRefusal);
    }
}
