using System.Runtime.CompilerServices;
using Cascade.Evaluation.Scoring;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.Evaluation.Replay;

/// <summary>
/// A chat client that answers as one recorded model: the recorded text, the usage that bills the recorded cost and the
/// recorded logprob confidence in <see cref="ChatResponse.AdditionalProperties"/> under <see cref="LogprobConfidenceKey"/>.
/// The question is named by <see cref="QuestionKey"/> in the request's <see cref="ChatOptions.AdditionalProperties"/>.
/// With a clock, each call advances it by the recorded latency, so the cascade times the attempt as it was recorded.
/// </summary>
public sealed class ReplayChatClient : IChatClient
{
    /// <summary>The request option (an <see cref="int"/>) naming the question's index in the split.</summary>
    public const string QuestionKey = "cascade.eval.question";

    /// <summary>The response property (a <see cref="double"/>) carrying the recorded log-probability, the key the logprob gate reads.</summary>
    public const string LogprobConfidenceKey = "cascade.logprob_confidence";

    private readonly ScoredSplit _split;
    private readonly int _model;
    private readonly ChatClientMetadata _metadata;
    private readonly FakeTimeProvider? _clock;

    /// <summary>Initializes a replay of one model of a split.</summary>
    /// <param name="split">The scored split.</param>
    /// <param name="model">The model's index on the ladder.</param>
    /// <param name="clock">The cascade's clock, advanced by each call's recorded latency; <see langword="null"/> answers in no time.</param>
    public ReplayChatClient(ScoredSplit split, int model, FakeTimeProvider? clock = null)
    {
        _clock = clock;
        _split = split ?? throw new ArgumentNullException(nameof(split));
        ArgumentOutOfRangeException.ThrowIfNegative(model);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(model, split.Models.Count);
        _model = model;
        _metadata = new ChatClientMetadata("replay", null, split.Models[model]);
    }

    /// <summary>Gets how many calls were made.</summary>
    public int Calls { get; private set; }

    /// <inheritdoc/>
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (options?.AdditionalProperties?.TryGetValue(QuestionKey, out object? value) != true || value is not int question || question < 0 || question >= _split.Count)
        {
            throw new ArgumentException($"A replayed request names its question with ChatOptions.AdditionalProperties[\"{QuestionKey}\"], an index from 0 to {_split.Count - 1}.", nameof(options));
        }

        Calls++;
        var answer = _split.Dataset.Questions[question].Answers[_model];
        _clock?.Advance(answer.Latency);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Text))
        {
            ModelId = _split.Models[_model],
            FinishReason = ChatFinishReason.Stop,
            Usage = _split.Pricing[_model].UsageOf(answer).ToUsageDetails(),
        };
        if (answer.LogprobConfidence is { } logprob)
        {
            response.AdditionalProperties = new() { [LogprobConfidenceKey] = logprob };
        }

        return Task.FromResult(response);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
